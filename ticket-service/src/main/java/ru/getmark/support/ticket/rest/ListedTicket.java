package ru.getmark.support.ticket.rest;

import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.time.MoscowTime;
import ru.getmark.support.ticket.domain.Ticket;
import ru.getmark.support.ticket.domain.lifecycle.Lifecycle;
import ru.getmark.support.ticket.service.TicketQueryService;

import java.time.Instant;

/**
 * A row of a queue or a search: the ticket in brief with its deadline and the working time left (frozen while the
 * clock stands still, R9); {@code overdue} once the deadline passed; {@code deliveryProblem} when notices to the
 * customer bounce (phone them: details in the ticket view).
 */
public record ListedTicket(String number, TicketStatus status, String statusLabel, Priority priority,
                           String priorityLabel, TicketType type, SupportLine line, String subject, String inn,
                           String customerName, Instant registeredAt, Instant deadline, String deadlineMsk,
                           String workingTimeLeft, Long workingMinutesLeft, boolean overdue, boolean paused,
                           String assignee, String linkedTo, Long massProblemId, boolean deliveryProblem) {

    static ListedTicket of(TicketQueryService.Listed l) {
        Ticket t = l.ticket();
        return new ListedTicket(t.number, t.status, Lifecycle.statusLabel(t), t.priority, t.priority.label(), t.type,
                t.line, t.subject, t.inn, t.customerName, t.registeredAt, t.resolutionDeadline,
                t.resolutionDeadline == null ? null : MoscowTime.format(t.resolutionDeadline),
                l.workingTimeLeft() == null ? null : l.workingTimeLeft().toString(),
                l.workingTimeLeft() == null ? null : l.workingTimeLeft().toMinutes(),
                l.overdue(), t.pausedAt != null, t.assignee, t.linkedTo, t.massProblemId,
                t.deliveryFailedAt != null);
    }
}
