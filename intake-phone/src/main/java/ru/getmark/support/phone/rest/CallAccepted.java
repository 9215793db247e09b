package ru.getmark.support.phone.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to an accepted call: Kafka has the message, ticket-service will register it and the customer receives
 * the registration email.
 *
 * @param messageId the message id; the same for every retry with the same Idempotency-Key
 * @param status    always "accepted"
 */
@Schema(name = "CallAccepted")
public record CallAccepted(
        @Schema(description = "Идентификатор сообщения; при повторе с тем же Idempotency-Key тот же")
        String messageId,
        @Schema(enumeration = "accepted")
        String status) {

    public static CallAccepted of(String messageId) {
        return new CallAccepted(messageId, "accepted");
    }
}
