package ru.getmark.support.ticket.service;

/**
 * A follow-up, confirmation or bounce naming a ticket this service does not have. Retrying cannot help (ticket numbers
 * are only ever handed out after registration), and dropping it would lose the customer's words: the listener lets it
 * propagate, so the message is parked whole on {@code getmark.intake.v1.dlq} for ops, with this message (message id,
 * kind and the number named, no personal data) as the {@code dead-letter-reason}.
 */
public class UnknownTicketException extends InvalidIntakeException {

    public UnknownTicketException(String message) {
        super(message);
    }
}
