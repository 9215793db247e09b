package ru.getmark.support.email.messaging;

/**
 * Kafka did not acknowledge a publish in time. The message is not marked processed; it is read again on the next pass
 * (with the same messageId, so ticket-service still registers it once).
 */
public class KafkaUnavailableException extends Exception {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
