package ru.getmark.support.telegram.service;

/**
 * An update could not be handled now (Kafka or the Bot API unreachable). It is not acknowledged: long polling tries it
 * again before asking for newer updates, a webhook answers 503 so that Telegram redelivers it.
 */
public class RetryLaterException extends Exception {

    public RetryLaterException(String message, Throwable cause) {
        super(message, cause);
    }
}
