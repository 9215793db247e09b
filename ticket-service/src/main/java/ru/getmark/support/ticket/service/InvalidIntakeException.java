package ru.getmark.support.ticket.service;

/**
 * An intake message that can never be registered, however often it is retried. The listener lets it propagate so
 * that the consumer's failure strategy parks the message on the dead-letter topic with this message as the reason.
 * The message text must not contain personal data (it lands in a Kafka header and in logs).
 */
public class InvalidIntakeException extends RuntimeException {

    public InvalidIntakeException(String message) {
        super(message);
    }
}
