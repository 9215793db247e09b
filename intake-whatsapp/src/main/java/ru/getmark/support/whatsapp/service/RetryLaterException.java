package ru.getmark.support.whatsapp.service;

/**
 * Something this message needs is unavailable right now (Kafka did not acknowledge, Twilio's media could not be
 * downloaded). Its transaction is rolled back and the message waits in the inbox for the next attempt; outages are
 * retried without limit, since nothing may be lost. Unchecked, so that it rolls back the transaction it leaves.
 */
public class RetryLaterException extends RuntimeException {

    public RetryLaterException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The outage behind {@code e}, if it is one. */
    public static RetryLaterException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RetryLaterException r) {
                return r;
            }
        }
        return null;
    }
}
