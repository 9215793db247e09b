package ru.getmark.support.email.service;

/**
 * A message could not be handled now because something it needs is down (Kafka, the database): it stays unmarked in
 * the mailbox and is read again on a later pass, with the same messageId.
 */
public class RetryLaterException extends Exception {

    public RetryLaterException(String message, Throwable cause) {
        super(message, cause);
    }
}
