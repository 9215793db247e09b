package ru.getmark.support.ticket.service;

/**
 * What consuming one intake message did.
 *
 * @param outcome      registered, duplicate (R5), follow-up or delivery failure
 * @param ticketNumber the ticket registered or changed, else null
 */
public record Registration(Outcome outcome, String ticketNumber) {

    public enum Outcome {
        /** A new ticket was registered and its {@code registered} event written to the outbox. */
        REGISTERED,
        /** The message was processed before: nothing done (R5). */
        DUPLICATE,
        /** A follow-up or confirmation reply applied to its ticket (R4, R11, R12). */
        FOLLOW_UP,
        /** A bounce of one of our notices recorded on its ticket (nothing else changed). */
        DELIVERY_FAILURE
    }

    static Registration registered(String number) {
        return new Registration(Outcome.REGISTERED, number);
    }

    static Registration duplicate() {
        return new Registration(Outcome.DUPLICATE, null);
    }

    static Registration followUp(String number) {
        return new Registration(Outcome.FOLLOW_UP, number);
    }

    static Registration deliveryFailure(String number) {
        return new Registration(Outcome.DELIVERY_FAILURE, number);
    }
}
