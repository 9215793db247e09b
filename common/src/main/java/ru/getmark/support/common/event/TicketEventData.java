package ru.getmark.support.common.event;

import java.time.Instant;

/**
 * The event's own data; which fields are set depends on the event type.
 *
 * @param actor           who caused it (staff login, "customer", "system")
 * @param previousStatus  status before a status change
 * @param question        the question of an information request (R11)
 * @param solution        the solution text (R12)
 * @param reason          reason of a refusal, deadline or priority change, closure or reopening
 * @param newDeadline     the new resolution deadline (R10)
 * @param confirmationUrl personal link to confirm and rate a solution (R12)
 * @param rating          the customer's rating, when rated: "satisfactory" or "unsatisfactory"
 * @param comment         the customer's comment, when rated
 * @param previousLine    line before an escalation or a return (R14)
 * @param previousType    type before a reclassification (R6)
 * @param previousPriority priority before a change (R7)
 * @param assignee        who line 3 assigned it to, e.g. "developer: Иванов" (R14)
 * @param deadlineKind    which deadline an SLA event is about: "resolution", "first_line" or "second_line"
 * @param relatedTicket   a ticket this one links to (a follow-up of a closed ticket, a similar problem)
 * @param text            the customer's text of a follow-up
 * @param bugReport       the Appendix 2 bug report when routed to developers (R18)
 * @param massProblem     the mass problem, on mass_problem_declared / mass_problem_resolved (R16)
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
        String comment,
        SupportLine previousLine,
        TicketType previousType,
        Priority previousPriority,
        String assignee,
        String deadlineKind,
        String relatedTicket,
        String text,
        BugReport bugReport,
        MassProblem massProblem) {

    /** The v2 set, without a mass problem. */
    public TicketEventData(String actor, TicketStatus previousStatus, String question, String solution, String reason,
                           Instant newDeadline, String confirmationUrl, String rating, String comment,
                           SupportLine previousLine, TicketType previousType, Priority previousPriority,
                           String assignee, String deadlineKind, String relatedTicket, String text,
                           BugReport bugReport) {
        this(actor, previousStatus, question, solution, reason, newDeadline, confirmationUrl, rating, comment,
                previousLine, previousType, previousPriority, assignee, deadlineKind, relatedTicket, text, bugReport,
                null);
    }

    /** The first nine fields (the v1 set); the rest stay empty. */
    public TicketEventData(String actor, TicketStatus previousStatus, String question, String solution, String reason,
                           Instant newDeadline, String confirmationUrl, String rating, String comment) {
        this(actor, previousStatus, question, solution, reason, newDeadline, confirmationUrl, rating, comment,
                null, null, null, null, null, null, null, null, null);
    }

    public static TicketEventData byActor(String actor) {
        return new TicketEventData(actor, null, null, null, null, null, null, null, null);
    }
}
