package ru.getmark.support.ticket.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.ticket.domain.OutboxEvent;
import ru.getmark.support.ticket.domain.Ticket;
import ru.getmark.support.ticket.domain.TicketAction;
import ru.getmark.support.ticket.domain.TicketStatusChange;
import ru.getmark.support.ticket.domain.lifecycle.Actor;
import ru.getmark.support.ticket.domain.lifecycle.Lifecycle;
import ru.getmark.support.ticket.domain.lifecycle.Outcome;
import ru.getmark.support.ticket.domain.lifecycle.StaffAction;
import ru.getmark.support.ticket.repository.OutboxRepository;
import ru.getmark.support.ticket.repository.TicketActionRepository;
import ru.getmark.support.ticket.repository.TicketRepository;
import ru.getmark.support.ticket.repository.TicketStatusChangeRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Runs the ticket's lifecycle (R6–R14): one transaction per action changes the ticket through {@link Lifecycle},
 * records the action and the status change (who, when, why: R8) and writes the events into the outbox (R20), so a
 * state change is never published without being stored nor stored without being published. The ticket's
 * {@code @Version} makes concurrent actions end in one state: the loser's flush fails and it gets 409.
 */
@ApplicationScoped
public class TicketLifecycleService {

    private final TicketRepository tickets;
    private final TicketStatusChangeRepository statusChanges;
    private final TicketActionRepository actions;
    private final OutboxRepository outbox;
    private final Lifecycle lifecycle;
    private final ConfirmationLinks links;
    private final Clock clock;
    private final Event<OutboxWritten> outboxWritten;

    public TicketLifecycleService(TicketRepository tickets, TicketStatusChangeRepository statusChanges,
                                  TicketActionRepository actions, OutboxRepository outbox, Lifecycle lifecycle,
                                  ConfirmationLinks links, Clock clock, Event<OutboxWritten> outboxWritten) {
        this.tickets = tickets;
        this.statusChanges = statusChanges;
        this.actions = actions;
        this.outbox = outbox;
        this.lifecycle = lifecycle;
        this.links = links;
        this.clock = clock;
        this.outboxWritten = outboxWritten;
    }

    /** The actions this actor may take on the ticket now. */
    public List<StaffAction> allowed(Ticket t, Actor actor) {
        return lifecycle.allowed(t, actor);
    }

    /** What an actor may do on the ticket as it is committed now (read in a fresh transaction). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<StaffAction> allowedNow(String number, Actor actor) {
        return lifecycle.allowed(find(number), actor);
    }

    /**
     * A staff action on a ticket.
     *
     * @param expectedVersion the version the staff member saw (optional): a different one means someone else acted
     *                        in between, and the action is refused (409) instead of applied blindly
     */
    @Transactional
    public Ticket act(String number, Actor actor, StaffAction action, ActionRequest body, Long expectedVersion) {
        Ticket t = find(number);
        if (expectedVersion != null && expectedVersion != t.version) {
            throw new ConcurrentChangeException("Обращение № " + number + " уже изменено другим сотрудником (версия "
                    + t.version + ", у вас " + expectedVersion + "): обновите обращение и повторите действие");
        }
        ActionRequest b = body == null ? ActionRequest.empty() : body;
        Instant now = now();
        Outcome outcome = switch (action) {
            case TAKE -> lifecycle.take(t, actor, now);
            case REQUEST_INFO -> lifecycle.requestInformation(t, actor, now, b.question());
            case SOLVE -> solve(t, actor, now, b.solution());
            case REFUSE -> lifecycle.refuse(t, actor, now, b.reason());
            case AWAIT_IMPLEMENTATION -> lifecycle.awaitImplementation(t, actor, now, b.reason());
            case RESUME -> lifecycle.resume(t, actor, now, b.reason());
            case ROUTE_TO_DEVELOPERS -> lifecycle.routeToDevelopers(t, actor, now, bugReportInput(b));
            case EXTEND_DEADLINE -> lifecycle.extendDeadline(t, actor, now, b.newDeadline(), b.reason());
            case CHANGE_PRIORITY -> lifecycle.changePriority(t, actor, now, b.priority(), b.reason());
            case RECLASSIFY -> lifecycle.reclassify(t, actor, now, b.type(), b.reason());
            case ESCALATE -> lifecycle.escalate(t, actor, now, b.reason());
            case RETURN -> lifecycle.returnToLowerLine(t, actor, now, b.reason());
            case ASSIGN -> lifecycle.assign(t, actor, now, b.role(), b.name());
            // a group's changes lock its root first: SimilarProblemService
            case LINK, UNLINK -> throw new IllegalStateException(action.code() + " is SimilarProblemService's");
        };
        record(t, outcome, now, details(action, t));
        Log.infof("Ticket %s: %s by %s → %s, line %s", number, action.code(), actor.login(), t.status, t.line);
        return t;
    }

    private Outcome solve(Ticket t, Actor actor, Instant now, String solution) {
        String token = links.newToken();
        Outcome o = lifecycle.solve(t, actor, now, solution, links.url(token));
        t.confirmationTokenHash = ConfirmationLinks.hash(token);
        return o;
    }

    private static Lifecycle.BugReportInput bugReportInput(ActionRequest b) {
        ActionRequest.BugReportFields f = b.bugReport();
        return f == null ? Lifecycle.BugReportInput.EMPTY
                : new Lifecycle.BugReportInput(f.title(), f.description(), f.document(), f.expected(), f.actual(),
                f.steps());
    }

    private static String details(StaffAction action, Ticket t) {
        return switch (action) {
            case CHANGE_PRIORITY -> "priority=" + t.priority;
            case RECLASSIFY -> "type=" + t.type;
            case ESCALATE, RETURN, ROUTE_TO_DEVELOPERS -> "line=" + t.line;
            case EXTEND_DEADLINE -> "resolutionDeadline=" + t.resolutionDeadline;
            case ASSIGN -> "assignee=" + t.assignee;
            default -> null;
        };
    }

    /**
     * Persists what a lifecycle step did: the action, the status changes, the events; flushes so that a concurrent
     * change (stale {@code version}) fails here, inside the transaction, as {@link ConcurrentChangeException}.
     */
    void record(Ticket t, Outcome outcome, Instant now, String details) {
        actions.persist(TicketAction.of(t, outcome.action(), outcome.actor(), now, outcome.reason(), details));
        for (Outcome.StatusStep s : outcome.steps()) {
            statusChanges.persist(TicketStatusChange.of(t, s.from(), s.to(), outcome.actor(), now, s.reason()));
        }
        for (Outcome.Emitted e : outcome.events()) {
            outbox.persist(toOutbox(TicketEvent.of(e.type(), now, t.snapshot(), e.data()), now));
        }
        try {
            tickets.flush();
        } catch (jakarta.persistence.OptimisticLockException | org.hibernate.StaleStateException e) {
            throw new ConcurrentChangeException("Обращение № " + t.number + " одновременно изменено другим "
                    + "действием: обновите обращение и повторите действие");
        }
        outboxWritten.fire(new OutboxWritten(t.number));
    }

    /** Wakes the outbox relay after the current transaction commits. */
    void fireOutboxWritten(String number) {
        outboxWritten.fire(new OutboxWritten(number));
    }

    Ticket find(String number) {
        return tickets.findByNumber(number).orElseThrow(() ->
                new TicketNotFoundException("Обращение № " + number + " не найдено"));
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static OutboxEvent toOutbox(TicketEvent event, Instant now) {
        OutboxEvent row = new OutboxEvent();
        row.aggregateId = event.key();
        row.topic = Topics.TICKET_EVENTS;
        row.eventId = event.eventId();
        row.eventType = Json.MAPPER.convertValue(event.type(), String.class);
        row.payload = Json.toJson(event);
        row.createdAt = now;
        return row;
    }
}
