package ru.getmark.support.phone.messaging;

/** Kafka did not acknowledge a publish in time: the call is not registered and the operator must retry. */
public class KafkaUnavailableException extends Exception {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
