package ru.getmark.support.ticket.service;

/** Someone else changed the ticket in between (optimistic locking): the loser gets 409 and retries on fresh data. */
public class ConcurrentChangeException extends RuntimeException {
    public ConcurrentChangeException(String message) {
        super(message);
    }
}
