package ru.getmark.support.common.event;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Objects;

/**
 * A message an adapter refused, kept on {@link Topics#INTAKE_REJECTED} (key = channel sender id) so that nothing a
 * customer sent is lost and ops can see it (R1).
 *
 * @param schema     always {@link #SCHEMA}
 * @param messageId  the id the message would have had as an {@link IntakeMessage}
 * @param channel    where it came from
 * @param senderId   the channel's sender id (email address, chat id, phone)
 * @param receivedAt when the adapter received it
 * @param reason     why it was refused
 * @param detail     the explanation the sender was given
 * @param payload    what was received, as text (body or JSON), for ops
 */
public record RejectedIntake(
        String schema,
        String messageId,
        Channel channel,
        String senderId,
        Instant receivedAt,
        Reason reason,
        String detail,
        String payload) {

    public static final String SCHEMA = "getmark.intake-rejected.v1";

    /** Why a message was refused. */
    public enum Reason {
        @JsonProperty("missing_inn") MISSING_INN,
        @JsonProperty("invalid_inn") INVALID_INN,
        @JsonProperty("invalid_input") INVALID_INPUT,
        @JsonProperty("loop") LOOP,
        @JsonProperty("flood") FLOOD,
        @JsonProperty("too_large") TOO_LARGE
    }

    public RejectedIntake {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(reason, "reason");
        schema = schema == null ? SCHEMA : schema;
    }
}
