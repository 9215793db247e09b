package ru.getmark.support.email.corpus;

import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.email.domain.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * What must become of a corpus email.
 *
 * @param kind          the verdict kind
 * @param inn           the ИНН of a new request (null otherwise)
 * @param ticketNumber  the ticket of a follow-up or delivery failure (null otherwise)
 * @param byThread      for a follow-up: found by In-Reply-To/References (true) or by the subject (false)
 * @param relatedTicket for a new request: the ticket its subject/thread named but does not belong to, else null
 * @param reason        for a rejection: why
 * @param ignoreCause   for an ignored email: own mail (dropped, nothing on any topic) or automatic (recorded as
 *                      {@code loop} on the rejected topic); null for other kinds
 * @param present       fragments that must be in the text that matters: the ticket text (new request / follow-up),
 *                      the diagnostic (delivery failure), the auto-reply (rejection), the reason (ignore)
 * @param absent        fragments that must NOT be there (quoted history, signatures, HTML/CSS, script)
 * @param attachments   how many files the parser must find (inline images and forwarded files included)
 * @param autoReply     whether the sender gets an answer (only rejections do; never automatic mail)
 * @param classified    whether type, process and impact below are asserted (null = "not stated")
 * @param type          the stated type
 * @param process       the recognised process code
 * @param impact        the stated impact
 */
public record Expected(Kind kind, String inn, String ticketNumber, Boolean byThread, String relatedTicket,
                       RejectedIntake.Reason reason, Verdict.Ignore.Cause ignoreCause, List<String> present, List<String> absent, int attachments,
                       boolean autoReply, boolean classified, TicketType type, String process, Impact impact) {

    /** The verdict kinds (Verdict's records). */
    public enum Kind { NEW_REQUEST, FOLLOW_UP, DELIVERY_FAILURE, IGNORE, REJECT }

    public static Expected newRequest(String inn) {
        return new Expected(Kind.NEW_REQUEST, inn, null, null, null, null, null, List.of(), List.of(), 0, false, false,
                null, null, null);
    }

    public static Expected followUp(String ticket, boolean byThread) {
        return new Expected(Kind.FOLLOW_UP, null, ticket, byThread, null, null, null, List.of(), List.of(), 0, false,
                false, null, null, null);
    }

    public static Expected deliveryFailure(String ticket) {
        return new Expected(Kind.DELIVERY_FAILURE, null, ticket, null, null, null, null, List.of(), List.of(), 0, false,
                false, null, null, null);
    }

    /** Automatic mail (auto-reply, list, bounce of something not ours): recorded as a loop, never answered. */
    public static Expected ignore() {
        return ignore(Verdict.Ignore.Cause.AUTOMATIC);
    }

    public static Expected ignore(Verdict.Ignore.Cause cause) {
        return new Expected(Kind.IGNORE, null, null, null, null, null, cause, List.of(), List.of(), 0, false, false,
                null, null, null);
    }

    public static Expected reject(RejectedIntake.Reason reason) {
        return new Expected(Kind.REJECT, null, null, null, null, reason, null, List.of(), List.of(), 0, true, false, null,
                null, null);
    }

    public Expected related(String ticket) {
        return new Expected(kind, inn, ticketNumber, byThread, ticket, reason, ignoreCause, present, absent, attachments,
                autoReply, classified, type, process, impact);
    }

    public Expected contains(String... fragments) {
        List<String> p = new ArrayList<>(present);
        p.addAll(List.of(fragments));
        return new Expected(kind, inn, ticketNumber, byThread, relatedTicket, reason, ignoreCause, List.copyOf(p), absent,
                attachments, autoReply, classified, type, process, impact);
    }

    public Expected lacks(String... fragments) {
        List<String> a = new ArrayList<>(absent);
        a.addAll(List.of(fragments));
        return new Expected(kind, inn, ticketNumber, byThread, relatedTicket, reason, ignoreCause, present, List.copyOf(a),
                attachments, autoReply, classified, type, process, impact);
    }

    public Expected files(int count) {
        return new Expected(kind, inn, ticketNumber, byThread, relatedTicket, reason, ignoreCause, present, absent, count,
                autoReply, classified, type, process, impact);
    }

    public Expected classified(TicketType type, String process, Impact impact) {
        return new Expected(kind, inn, ticketNumber, byThread, relatedTicket, reason, ignoreCause, present, absent, attachments,
                autoReply, true, type, process, impact);
    }
}
