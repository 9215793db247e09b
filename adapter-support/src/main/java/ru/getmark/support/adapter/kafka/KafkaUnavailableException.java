package ru.getmark.support.adapter.kafka;

/**
 * Kafka did not acknowledge a publish in time, or refused it. Nothing may be acknowledged to the channel (the call
 * is answered 503, the mail stays unflagged, the update is not confirmed to Telegram): the message comes again with
 * the same messageId, so ticket-service still registers it once.
 */
public class KafkaUnavailableException extends Exception {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
