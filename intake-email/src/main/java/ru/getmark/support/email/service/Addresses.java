package ru.getmark.support.email.service;

import ru.getmark.support.email.domain.TicketDirectory;

import java.util.Locale;

/** Email addresses in logs and keys: logs never show a full address (ARCHITECTURE.md), tables keep hashes. */
public final class Addresses {

    private Addresses() {
    }

    /** {@code ivanova@romashka.ru} → {@code i***@romashka.ru}; anything unparsable → {@code ***}. */
    public static String mask(String address) {
        if (address == null || address.isBlank()) {
            return "(none)";
        }
        String a = address.strip();
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1) {
            return "***";
        }
        return a.charAt(0) + "***" + a.substring(at).toLowerCase(Locale.ROOT);
    }

    /** The hash every table keeps instead of an address: the same one the ticket projection holds. */
    public static String hash(String address) {
        return TicketDirectory.emailSha256(address);
    }

    /** Lower-cased, trimmed. */
    public static String normalise(String address) {
        return address == null ? null : address.strip().toLowerCase(Locale.ROOT);
    }

    /** The part after the @, lower case; null when there is none. */
    public static String domain(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        return at < 0 || at == address.length() - 1 ? null : address.substring(at + 1).strip().toLowerCase(Locale.ROOT);
    }
}
