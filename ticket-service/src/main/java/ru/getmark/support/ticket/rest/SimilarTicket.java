package ru.getmark.support.ticket.rest;

import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.time.MoscowTime;
import ru.getmark.support.ticket.domain.Ticket;
import ru.getmark.support.ticket.domain.lifecycle.Lifecycle;
import ru.getmark.support.ticket.service.SimilarProblemService;

import java.time.Instant;
import java.util.List;

/**
 * A ticket a new one may be linked to (R15): an open group root being worked on above the first line, with how big
 * its group is and its unresolved mass problem (R16), and what it was matched by ("process", "type", "text").
 */
public record SimilarTicket(String number, TicketStatus status, String statusLabel, TicketType type,
                            String typeLabel, String process, SupportLine line, String lineLabel, String subject,
                            String customerName, Instant registeredAt, String registeredAtMsk, long linkedTickets,
                            Long massProblemId, String massProblemTitle, List<String> matchedBy) {

    static SimilarTicket of(SimilarProblemService.Candidate c) {
        Ticket t = c.ticket();
        return new SimilarTicket(t.number, t.status, Lifecycle.statusLabel(t), t.type,
                t.type == null ? null : t.type.label(), t.process, t.line, t.line.label(), t.subject,
                t.customerName, t.registeredAt, MoscowTime.format(t.registeredAt), c.linkedTickets(),
                c.massProblem() == null ? null : c.massProblem().id,
                c.massProblem() == null ? null : c.massProblem().title, c.matchedBy());
    }
}
