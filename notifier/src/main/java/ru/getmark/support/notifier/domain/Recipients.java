package ru.getmark.support.notifier.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The "who" of the once-only rule, and chat addresses in logs.
 * <p>
 * The once-only key of a delivery is (event, notice, medium, recipient key). The key of a customer's address is its
 * SHA-256 (the email trimmed and lower-cased, as the earlier {@code sent_notice} table kept it, so that its history
 * still counts); the duty chat's key is the constant {@value #DUTY_CHAT_KEY}, so that changing the configured chat
 * id does not post old #Пожар messages again when events are replayed.
 */
public final class Recipients {

    /** The recipient key of the duty chat. */
    public static final String DUTY_CHAT_KEY = "duty_chat";

    private Recipients() {
    }

    /** The recipient key of an address on a medium. */
    public static String key(Medium medium, String address) {
        if (medium == Medium.DUTY_CHAT) {
            return DUTY_CHAT_KEY;
        }
        return sha256(address.trim().toLowerCase(Locale.ROOT));
    }

    /** For logs: {@code 123456789} → {@code 1***89}; short ids → {@code ***}. */
    public static String maskChat(String address) {
        if (address == null) {
            return "null";
        }
        if (address.length() < 5) {
            return "***";
        }
        return address.charAt(0) + "***" + address.substring(address.length() - 2);
    }

    /** For logs: an address of any medium, masked. */
    public static String mask(Medium medium, String address) {
        return medium == Medium.EMAIL ? EmailAddresses.mask(address) : maskChat(address);
    }

    static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
