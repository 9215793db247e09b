package ru.getmark.support.common.event;

import java.time.Instant;

/**
 * The event's own data; which fields are set depends on the event type.
 *
 * @param actor           who caused it (staff login, "customer", "system")
 * @param previousStatus  status before a status change
 * @param question        the question of an information request (R11)
 * @param solution        the solution text (R12)
 * @param reason          reason of a refusal, deadline change, closure or reopening
 * @param newDeadline     the new resolution deadline (R10)
 * @param confirmationUrl personal link to confirm and rate a solution (R12)
 * @param rating          the customer's rating, when rated
 * @param comment         the customer's comment, when rated
 */
public record TicketEventData(
        String actor,
        TicketStatus previousStatus,
        String question,
        String solution,
        String reason,
        Instant newDeadline,
        String confirmationUrl,
        String rating,
        String comment) {

    public static TicketEventData byActor(String actor) {
        return new TicketEventData(actor, null, null, null, null, null, null, null, null);
    }
}
