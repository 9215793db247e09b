package ru.getmark.support.phone.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * {@code IntakeMessage.messageId}s of logged calls.
 * <p>
 * With an {@code Idempotency-Key} the id is a name-based UUID of the operator's login and the key: a retry of the same
 * call (a timeout, a double click, a resent form) gets the same id, and ticket-service registers one ticket for it
 * (R5). The login is part of the name so that two operators who happen to pick the same key never collide, as with
 * other APIs whose idempotency keys are scoped to the account. Without a key every call is new: a random id.
 */
public final class MessageIds {

    public static final String PREFIX = "phone-";

    private MessageIds() {
    }

    /** The id of a call logged by {@code login} with the (already validated) idempotency key. */
    public static String forIdempotencyKey(String login, String idempotencyKey) {
        String name = "getmark.intake-phone\n" + login + "\n" + idempotencyKey;
        return PREFIX + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh id for a call logged without an idempotency key. */
    public static String random() {
        return PREFIX + UUID.randomUUID();
    }
}
