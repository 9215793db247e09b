package ru.getmark.support.ticket.domain.lifecycle;

import java.util.List;

/** An action the ticket's state does not allow (R8); carries what is allowed now, for the 409 answer. */
public class IllegalTransitionException extends RuntimeException {

    private final transient List<StaffAction> allowed;

    public IllegalTransitionException(String message, List<StaffAction> allowed) {
        super(message);
        this.allowed = List.copyOf(allowed);
    }

    public List<StaffAction> allowed() {
        return allowed;
    }
}
