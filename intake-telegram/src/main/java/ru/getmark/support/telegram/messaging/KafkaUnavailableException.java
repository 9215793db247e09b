package ru.getmark.support.telegram.messaging;

/**
 * Kafka did not acknowledge a publish in time. The update is not acknowledged to Telegram; it is handled again (same
 * messageId, so ticket-service still registers it once).
 */
public class KafkaUnavailableException extends Exception {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
