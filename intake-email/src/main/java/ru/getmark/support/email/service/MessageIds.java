package ru.getmark.support.email.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code IntakeMessage.messageId}s of emails: {@code "email:" + Message-ID} (angle brackets dropped), so that the same
 * email read twice — a crash before the IMAP flag, a re-read, a copy delivered twice — is one ticket (R5). A message
 * without a Message-ID gets {@code "email:sha256:" + hash of its raw bytes}; a Message-ID too long for the contract
 * (its schema allows 512 characters) gets {@code "email:sha256:" + hash of the Message-ID}.
 */
public final class MessageIds {

    public static final String PREFIX = "email:";
    /** Longer Message-IDs are hashed: the contract allows 512 characters and keys stay readable below this. */
    static final int MAX_MESSAGE_ID = 400;

    private MessageIds() {
    }

    /**
     * @param messageIdHeader the Message-ID header as parsed (with or without angle brackets), or null
     * @param contentSha256   hex SHA-256 of the raw message bytes
     */
    public static String of(String messageIdHeader, String contentSha256) {
        String id = messageIdHeader == null ? "" : messageIdHeader.strip();
        if (id.startsWith("<") && id.endsWith(">") && id.length() >= 2) {
            id = id.substring(1, id.length() - 1).strip();
        }
        if (id.isEmpty() || hasControlCharacters(id)) {
            return PREFIX + "sha256:" + contentSha256;
        }
        if (id.length() > MAX_MESSAGE_ID) {
            return PREFIX + "sha256:" + sha256(id);
        }
        return PREFIX + id;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    private static boolean hasControlCharacters(String id) {
        return id.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
