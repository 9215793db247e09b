package ru.getmark.support.notifier.domain;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Email addresses in logs and in the database: never the full address where it is not needed. */
public final class EmailAddresses {

    private static final Pattern ADDRESS = Pattern.compile("([A-Za-z0-9._%+\\-]+)(@[A-Za-z0-9.\\-]+)");

    /** Our own Message-IDs ({@code TicketThread}): they look like addresses but name no one, and help operations. */
    private static final Pattern OWN_ID = Pattern.compile("notice\\.[a-z0-9_]+\\.\\d+\\.[A-Za-z0-9._-]+|ticket\\.\\d+");

    private EmailAddresses() {
    }

    /**
     * Masks every address inside a free text, e.g. an SMTP server's reply {@code 550 <ivan@example.ru> unknown},
     * before it goes to a log, the database or a dead-letter header. Our own notice and thread Message-IDs stay
     * readable.
     */
    public static String maskAll(String text) {
        if (text == null) {
            return null;
        }
        return ADDRESS.matcher(text).replaceAll(m -> Matcher.quoteReplacement(OWN_ID.matcher(m.group(1)).matches()
                ? m.group()
                : m.group(1).charAt(0) + "***" + m.group(2)));
    }

    /** For logs: {@code ivan.petrov@example.ru} → {@code i***@example.ru}; anything odd → {@code ***}. */
    public static String mask(String address) {
        if (address == null) {
            return "null";
        }
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return address.charAt(0) + "***" + address.substring(at);
    }

    /**
     * SHA-256 (hex) of the trimmed, lower-cased address: the recipient key of an email delivery, the same value the
     * earlier {@code sent_notice} table kept, so lets operations check whether an address was notified.
     */
    public static String hash(String address) {
        return Recipients.sha256(address.trim().toLowerCase(Locale.ROOT));
    }

    /** The domain part of an address ({@code help@getmark.ru} → {@code getmark.ru}): the domain of our Message-IDs. */
    public static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        if (at < 0 || at == address.length() - 1) {
            throw new IllegalArgumentException("not an email address: " + address);
        }
        return address.substring(at + 1);
    }
}
