package ru.getmark.support.ticket.service;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.ticket.domain.OutboxEvent;
import ru.getmark.support.ticket.domain.Ticket;
import ru.getmark.support.ticket.domain.TicketAction;
import ru.getmark.support.ticket.domain.TicketPause;
import ru.getmark.support.ticket.domain.TicketStatusChange;
import ru.getmark.support.ticket.domain.sla.SlaClock;
import ru.getmark.support.ticket.domain.sla.SlaPolicy;
import ru.getmark.support.ticket.domain.sla.WorkingHours;
import ru.getmark.support.ticket.repository.OutboxRepository;
import ru.getmark.support.ticket.repository.TicketActionRepository;
import ru.getmark.support.ticket.repository.TicketRepository;
import ru.getmark.support.ticket.repository.TicketStatusChangeRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Staff reading: queues ordered by deadline with the time left (R14), search, a ticket's full history (R8). */
@ApplicationScoped
public class TicketQueryService {

    /** Statuses a queue shows. */
    static final Set<TicketStatus> OPEN = EnumSet.of(TicketStatus.NEW, TicketStatus.IN_PROGRESS,
            TicketStatus.AWAITING_USER, TicketStatus.AWAITING_IMPLEMENTATION);

    private final TicketRepository tickets;
    private final TicketStatusChangeRepository statusChanges;
    private final TicketActionRepository actions;
    private final OutboxRepository outbox;
    private final SlaClock slaClock;
    private final SlaPolicy policy;
    private final Clock clock;

    public TicketQueryService(TicketRepository tickets, TicketStatusChangeRepository statusChanges,
                              TicketActionRepository actions, OutboxRepository outbox, SlaClock slaClock,
                              SlaPolicy policy, Clock clock) {
        this.tickets = tickets;
        this.statusChanges = statusChanges;
        this.actions = actions;
        this.outbox = outbox;
        this.slaClock = slaClock;
        this.policy = policy;
        this.clock = clock;
    }

    /** A ticket with the time left to its deadline. */
    public record Listed(Ticket ticket, Duration workingTimeLeft, boolean overdue) {
    }

    /**
     * Tickets matching the criteria, Критический first, then by resolution deadline (earliest first), then by
     * registration.
     */
    @Transactional
    public List<Listed> search(TicketSearch s) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (s.line() != null) {
            where.append(" and line = :line");
            p.and("line", s.line());
        }
        if (s.status() != null) {
            where.append(" and status = :status");
            p.and("status", s.status());
        } else if (s.openOnly()) {
            where.append(" and status in :open");
            p.and("open", OPEN);
        }
        if (s.priority() != null) {
            where.append(" and priority = :priority");
            p.and("priority", s.priority());
        }
        if (s.type() != null) {
            where.append(" and type = :type");
            p.and("type", s.type());
        }
        if (s.channel() != null) {
            where.append(" and channel = :channel");
            p.and("channel", s.channel());
        }
        if (s.inn() != null && !s.inn().isBlank()) {
            where.append(" and inn = :inn");
            p.and("inn", s.inn().strip());
        }
        if (s.q() != null && !s.q().isBlank()) {
            String q = s.q().strip().replaceFirst("^№\\s*", "");
            where.append(" and (number = :number or lower(subject) like :like or lower(text) like :like)");
            p.and("number", q);
            p.and("like", "%" + q.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                    + "%");
        }
        String order = " order by case when priority = :critical then 0 else 1 end, resolutionDeadline asc nulls last, "
                + "registeredAt asc";
        p.and("critical", ru.getmark.support.common.event.Priority.CRITICAL);
        Instant now = clock.instant();
        return tickets.find(where + order, p).page(0, s.limit()).list().stream()
                .map(t -> listed(t, now)).toList();
    }

    /** A line's queue (R14): its open tickets by deadline. */
    @Transactional
    public List<Listed> queue(SupportLine line, int limit) {
        return search(new TicketSearch(line, null, null, null, null, null, null, true, limit));
    }

    Listed listed(Ticket t, Instant now) {
        Instant deadline = t.resolutionDeadline;
        if (deadline == null) {
            return new Listed(t, null, false);
        }
        // While the clock stands still, the time left is frozen at the pause.
        Instant from = t.pausedAt != null ? t.pausedAt : now;
        WorkingHours hours = policy.secondLineHours();
        if (!from.isBefore(deadline)) {
            return new Listed(t, Duration.ZERO, true);
        }
        return new Listed(t, slaClock.workingTimeBetween(from, deadline, hours), false);
    }

    /** Everything that happened to a ticket (R8). */
    public record History(Ticket ticket, List<TicketStatusChange> statusChanges, List<TicketAction> actions,
                          List<TicketPause> pauses, List<OutboxEvent> events) {
    }

    @Transactional
    public History history(String number) {
        Ticket t = tickets.findByNumber(number).orElseThrow(() ->
                new TicketNotFoundException("Обращение № " + number + " не найдено"));
        List<TicketPause> pauses = new ArrayList<>(t.pauses);
        List<OutboxEvent> events = outbox.list("aggregateId = ?1 order by id", number);
        return new History(t, statusChanges.history(number), actions.history(number), pauses, events);
    }
}
