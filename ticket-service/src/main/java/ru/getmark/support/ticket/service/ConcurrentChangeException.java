package ru.getmark.support.ticket.service;

import java.util.List;

/**
 * Someone else changed the ticket between this action's read and its write (optimistic locking): the action was
 * rolled back whole. {@link #allowedActions()} says what the caller may do on the ticket as it is now, when known.
 */
public class ConcurrentChangeException extends RuntimeException {

    private final List<String> allowedActions;

    public ConcurrentChangeException(String message) {
        this(message, null);
    }

    private ConcurrentChangeException(String message, List<String> allowedActions) {
        super(message);
        this.allowedActions = allowedActions;
    }

    /** The same conflict, with the actions allowed on the fresh ticket. */
    public ConcurrentChangeException withAllowedActions(List<String> allowed) {
        return new ConcurrentChangeException(getMessage(), List.copyOf(allowed));
    }

    /** The actions allowed on the ticket as it is now, or null when not computed. */
    public List<String> allowedActions() {
        return allowedActions;
    }
}
