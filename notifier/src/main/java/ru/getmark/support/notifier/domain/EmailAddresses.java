package ru.getmark.support.notifier.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Email addresses in logs and in the database: never the full address where it is not needed. */
public final class EmailAddresses {

    private static final Pattern ADDRESS = Pattern.compile("([A-Za-z0-9._%+\\-])[A-Za-z0-9._%+\\-]*(@[A-Za-z0-9.\\-]+)");

    private EmailAddresses() {
    }

    /**
     * Masks every address inside a free text, e.g. an SMTP server's reply {@code 550 <ivan@example.ru> unknown},
     * before it goes to a log or a dead-letter header.
     */
    public static String maskAll(String text) {
        if (text == null) {
            return null;
        }
        return ADDRESS.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***" + m.group(2)));
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
     * SHA-256 (hex) of the trimmed, lower-cased address: lets operations check whether a given address was notified
     * without the notifier's table holding the address itself.
     */
    public static String hash(String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(address.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
