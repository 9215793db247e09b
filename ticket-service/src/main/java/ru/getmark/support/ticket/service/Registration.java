package ru.getmark.support.ticket.service;

/**
 * What consuming one intake message did.
 *
 * @param outcome      registered, duplicate (R5) or deferred
 * @param ticketNumber the new ticket's number when registered, else null
 */
public record Registration(Outcome outcome, String ticketNumber) {

    public enum Outcome {
        /** A new ticket was registered and its {@code registered} event written to the outbox. */
        REGISTERED,
        /** The message was processed before: nothing done (R5). */
        DUPLICATE,
        /** Recorded as processed but not acted on yet (follow-ups and confirmations: a later issue). */
        DEFERRED
    }

    static Registration registered(String number) {
        return new Registration(Outcome.REGISTERED, number);
    }

    static Registration duplicate() {
        return new Registration(Outcome.DUPLICATE, null);
    }

    static Registration deferred() {
        return new Registration(Outcome.DEFERRED, null);
    }
}
