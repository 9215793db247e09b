package ru.getmark.support.ticket.rest;

import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.time.MoscowTime;
import ru.getmark.support.ticket.domain.MassProblem;
import ru.getmark.support.ticket.domain.Ticket;
import ru.getmark.support.ticket.domain.lifecycle.Lifecycle;
import ru.getmark.support.ticket.repository.MassProblemRepository;
import ru.getmark.support.ticket.service.MassProblemService;

import java.time.Instant;
import java.util.List;

/**
 * A mass problem as staff see it (R16): {@code status} "open" while work goes on, "resolved" after; times in ISO-8601
 * UTC next to the Moscow-time text; {@code tickets} (in the detail only) in the order they joined.
 */
public record MassProblemView(long id, String title, String rootTicket, String status, String statusLabel,
                              boolean automatic, Instant declaredAt, String declaredAtMsk, String declaredBy,
                              int ticketCount, int openTicketCount, String resolution, Instant resolvedAt,
                              String resolvedAtMsk, String resolvedBy, List<Member> tickets) {

    /** A ticket of the mass problem. */
    public record Member(String number, TicketStatus status, String statusLabel, SupportLine line, String lineLabel,
                         String subject, String customerName, Instant registeredAt, Instant joinedAt,
                         boolean awaitingConfirmation, Instant confirmationDeadline) {
    }

    static MassProblemView of(MassProblemService.Summary s) {
        return of(s.massProblem(), s.counts().tickets(), s.counts().open(), null);
    }

    static MassProblemView of(MassProblemService.Detail d) {
        List<Member> members = d.tickets().stream().map(MassProblemView::member).toList();
        int open = (int) d.tickets().stream().filter(m -> Lifecycle.isOpen(m.ticket())).count();
        return of(d.massProblem(), members.size(), open, members);
    }

    private static MassProblemView of(MassProblem mp, int count, int open, List<Member> members) {
        return new MassProblemView(mp.id, mp.title, mp.rootTicket, mp.resolved() ? "resolved" : "open",
                mp.resolved() ? "Устранена" : "Ведутся работы", MassProblem.SYSTEM.equals(mp.declaredBy),
                mp.declaredAt, MoscowTime.format(mp.declaredAt), mp.declaredBy, count, open, mp.resolution,
                mp.resolvedAt, mp.resolvedAt == null ? null : MoscowTime.format(mp.resolvedAt), mp.resolvedBy,
                members);
    }

    private static Member member(MassProblemRepository.Member m) {
        Ticket t = m.ticket();
        return new Member(t.number, t.status, Lifecycle.statusLabel(t), t.line, t.line.label(), t.subject,
                t.customerName, t.registeredAt, m.joinedAt(), t.awaitingConfirmation, t.confirmationDeadline);
    }
}
