package ru.getmark.support.ticket.service;

/** No ticket has the number (or message id) asked for; the REST layer answers 404. */
public class TicketNotFoundException extends RuntimeException {

    private final String userMessage;

    public TicketNotFoundException(String userMessage) {
        super(userMessage);
        this.userMessage = userMessage;
    }

    /** Russian, shown to staff as is. */
    public String userMessage() {
        return userMessage;
    }
}
