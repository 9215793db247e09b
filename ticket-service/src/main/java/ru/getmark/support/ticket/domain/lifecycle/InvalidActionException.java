package ru.getmark.support.ticket.domain.lifecycle;

/** An action whose input is incomplete or wrong (a missing reason, a deadline in the past): 400, says what to fix. */
public class InvalidActionException extends RuntimeException {
    public InvalidActionException(String message) {
        super(message);
    }
}
