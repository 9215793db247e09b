package ru.getmark.support.ticket.service;

/**
 * A mass-problem action the current state does not allow (R16): one is already declared for the group, it is already
 * resolved, the group's root is closed. 409 with a Russian message that says what the state is.
 */
public class MassProblemConflictException extends RuntimeException {
    public MassProblemConflictException(String message) {
        super(message);
    }
}
