package ru.getmark.support.phone.domain;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * A sane email syntax check: the registration notice (R2) goes to this address, so a typo must be caught while the
 * customer is still on the phone.
 * <p>
 * Jakarta Mail's strict RFC 822 parser does the heavy lifting; on top of it the text must be a bare address (no
 * display name, no group, no list), and the domain must contain a dot and no brackets, because a customer's mailbox
 * is never on a dotless host or an IP literal.
 */
public final class EmailAddresses {

    /** RFC 5321: a path is at most 256 octets including the angle brackets. */
    public static final int MAX_LENGTH = 254;

    static final String MALFORMED = "Адрес электронной почты указан неверно. Пример правильного адреса: "
            + "ivanov@company.ru";
    static final String TOO_LONG = "Адрес электронной почты слишком длинный: не более " + MAX_LENGTH + " символов.";

    private EmailAddresses() {
    }

    /**
     * Checks an address that is not blank.
     *
     * @return null when the address is acceptable, else the Russian reason
     */
    public static String problem(String text) {
        String s = text.strip();
        if (s.length() > MAX_LENGTH) {
            return TOO_LONG;
        }
        InternetAddress address;
        try {
            address = new InternetAddress(s, true);
            address.validate();
        } catch (AddressException e) {
            return MALFORMED;
        }
        String parsed = address.getAddress();
        if (address.getPersonal() != null || address.isGroup() || !s.equals(parsed)) {
            return MALFORMED;
        }
        int at = parsed.lastIndexOf('@');
        if (at <= 0 || at == parsed.length() - 1) {
            return MALFORMED;
        }
        String domain = parsed.substring(at + 1);
        if (!domain.contains(".") || domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")
                || domain.startsWith("[")) {
            return MALFORMED;
        }
        return null;
    }
}
