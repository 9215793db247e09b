package ru.getmark.support.ticket.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.ticket.config.SlaConfig;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketEventData;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.ticket.domain.Ticket;
import ru.getmark.support.ticket.domain.TicketAction;
import ru.getmark.support.ticket.domain.lifecycle.IllegalTransitionException;
import ru.getmark.support.ticket.domain.lifecycle.Lifecycle;
import ru.getmark.support.ticket.domain.lifecycle.Outcome;
import ru.getmark.support.ticket.domain.sla.SlaClock;
import ru.getmark.support.ticket.domain.sla.SlaPolicy;
import ru.getmark.support.ticket.domain.sla.SlaTargets;
import ru.getmark.support.ticket.domain.sla.WorkingHours;
import ru.getmark.support.ticket.repository.JobLocks;
import ru.getmark.support.ticket.repository.OutboxRepository;
import ru.getmark.support.ticket.repository.TicketActionRepository;
import ru.getmark.support.ticket.repository.TicketRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lifecycle's scheduled jobs, safe with several replicas: each tick runs in a transaction holding a PostgreSQL
 * advisory lock, so one replica runs it and the others skip; each ticket is then handled in its own transaction, so
 * one ticket changed concurrently by staff (optimistic lock, R8) does not stop the others. Driven by the
 * application's {@link java.time.Clock}: tests move the clock and call the job methods directly.
 * <ul>
 *   <li>auto-close (R11, R12): no answer to an information request, or no reaction to a solution, within 3 working
 *       days → Закрытое with the reason and a {@code closed} event;</li>
 *   <li>SLA alerts (R9): {@code sla_breach_near} once {@code getmark.sla.alert-threshold} of a deadline's working
 *       time is used, {@code sla_breached} once it passed, each once per deadline (an extension gives new ones);
 *       the running line's deadline (first or second) and the total; the clock's pauses count as not elapsed.</li>
 * </ul>
 */
@ApplicationScoped
public class LifecycleJobs {

    private final TicketRepository tickets;
    private final TicketActionRepository actions;
    private final OutboxRepository outbox;
    private final JobLocks locks;
    private final Lifecycle lifecycle;
    private final TicketLifecycleService lifecycleService;
    private final SlaClock slaClock;
    private final SlaPolicy policy;
    private final double threshold;

    public LifecycleJobs(TicketRepository tickets, TicketActionRepository actions, OutboxRepository outbox,
                         JobLocks locks, Lifecycle lifecycle, TicketLifecycleService lifecycleService,
                         SlaClock slaClock, SlaPolicy policy, SlaConfig config) {
        double threshold = config.alertThreshold();
        this.tickets = tickets;
        this.actions = actions;
        this.outbox = outbox;
        this.locks = locks;
        this.lifecycle = lifecycle;
        this.lifecycleService = lifecycleService;
        this.slaClock = slaClock;
        this.policy = policy;
        if (threshold <= 0 || threshold >= 1) {
            throw new IllegalArgumentException("getmark.sla.alert-threshold must be between 0 and 1, got "
                    + threshold);
        }
        this.threshold = threshold;
    }

    @Scheduled(every = "${getmark.jobs.interval:60s}", delayed = "10s", identity = "lifecycle-jobs",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        autoClose();
        slaAlerts();
    }

    /**
     * One tick of the auto-close job.
     *
     * @return how many tickets it closed (0 also when another replica holds the lock)
     */
    public int autoClose() {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!locks.tryLock(JobLocks.AUTO_CLOSE)) {
                return 0;
            }
            Instant now = lifecycleService.now();
            List<String> due = tickets.find("(status = ?1 and answerDeadline <= ?2) or (status = ?3 and "
                            + "awaitingConfirmation = true and confirmationDeadline <= ?2)",
                    TicketStatus.AWAITING_USER, now, TicketStatus.CLOSED).project(Numbers.class).list()
                    .stream().map(Numbers::number).toList();
            int closed = 0;
            for (String number : due) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> closeOne(number, now));
                    closed++;
                } catch (ConcurrentChangeException | IllegalTransitionException e) {
                    Log.infof("Auto-close of ticket %s skipped: %s", number, e.getMessage());
                }
            }
            if (closed > 0) {
                Log.infof("Auto-closed %d tickets (R11, R12)", closed);
            }
            return closed;
        });
    }

    private void closeOne(String number, Instant now) {
        Ticket t = lifecycleService.find(number);
        if (!Lifecycle.autoCloseDue(t, now)) {
            return; // answered or confirmed since the query
        }
        Outcome o = lifecycle.autoClose(t, now);
        lifecycleService.record(t, o, now, null);
    }

    /** The ticket numbers a query projects. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Numbers(String number) {
    }

    /**
     * One tick of the SLA alerts job. The running tickets' deadlines come in one query and are checked here; only a
     * ticket with an alert due is loaded and handled, in its own transaction (issue 8: the job used to load every
     * running ticket, one transaction each — with 100 000 new tickets a tick took minutes of CPU).
     *
     * @return how many alerts it sent
     */
    public int slaAlerts() {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!locks.tryLock(JobLocks.SLA_ALERTS)) {
                return 0;
            }
            Instant now = lifecycleService.now();
            List<String> due = tickets.find("status in ?1 and (resolutionDeadline is not null or "
                            + "firstLineDeadline is not null or secondLineDeadline is not null)",
                    List.of(TicketStatus.NEW, TicketStatus.IN_PROGRESS)).project(Running.class).list()
                    .stream()
                    .filter(r -> watched(r.priority(), r.line(), r.resolutionDeadline(), r.firstLineDeadline(),
                            r.secondLineDeadline()).stream().anyMatch(w -> alertDue(w, now).isPresent()))
                    .map(Running::number).toList();
            int sent = 0;
            for (String number : due) {
                try {
                    sent += QuarkusTransaction.requiringNew().call(() -> alertOne(number, now));
                } catch (ConcurrentChangeException e) {
                    Log.infof("SLA alerts of ticket %s skipped this tick: %s", number, e.getMessage());
                }
            }
            return sent;
        });
    }

    /** What the SLA alerts job needs to know of a running ticket. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record Running(String number, Priority priority, SupportLine line, Instant resolutionDeadline,
                          Instant firstLineDeadline, Instant secondLineDeadline) {
    }

    private record Watched(String kind, Instant deadline, Duration target, WorkingHours hours) {
    }

    /** The deadlines watched for a ticket: the total (resolution) and the running line's. */
    private List<Watched> watched(Priority priority, SupportLine line, Instant resolution, Instant firstLine,
                                  Instant secondLine) {
        Optional<SlaTargets.Target> target = policy.targets().of(priority);
        if (target.isEmpty()) {
            return List.of();
        }
        List<Watched> watched = new ArrayList<>(2);
        watched.add(new Watched("resolution", resolution, target.get().total(), policy.secondLineHours()));
        if (line == SupportLine.FIRST) {
            watched.add(new Watched("first_line", firstLine, target.get().firstLine(), policy.firstLineHours()));
        } else if (line == SupportLine.SECOND) {
            watched.add(new Watched("second_line", secondLine, target.get().secondLine(), policy.secondLineHours()));
        }
        return watched;
    }

    /** The alert a watched deadline calls for now: breached once passed, near once the threshold is used. */
    private Optional<TicketEventType> alertDue(Watched w, Instant now) {
        if (w.deadline() == null) {
            return Optional.empty();
        }
        if (!now.isBefore(w.deadline())) {
            return Optional.of(TicketEventType.SLA_BREACHED);
        }
        Duration left = slaClock.workingTimeBetween(now, w.deadline(), w.hours());
        if (left.toMillis() > Math.round(w.target().toMillis() * (1 - threshold))) {
            return Optional.empty();
        }
        return Optional.of(TicketEventType.SLA_BREACH_NEAR);
    }

    private int alertOne(String number, Instant now) {
        Ticket t = lifecycleService.find(number);
        if (t.status != TicketStatus.NEW && t.status != TicketStatus.IN_PROGRESS) {
            return 0;
        }
        int sent = 0;
        for (Watched w : watched(t.priority, t.line, t.resolutionDeadline, t.firstLineDeadline,
                t.secondLineDeadline)) {
            Optional<TicketEventType> due = alertDue(w, now);
            if (due.isEmpty()) {
                continue;
            }
            TicketEventType type = due.get();
            String kind = type == TicketEventType.SLA_BREACHED ? "breached" : "near";
            if (!locks.claimAlert(t.id, kind, w.kind(), w.deadline(), now)) {
                continue;
            }
            TicketEventData data = new TicketEventData("system", null, null, null, null, w.deadline(), null, null,
                    null, null, null, null, null, w.kind(), null, null, null);
            outbox.persist(TicketLifecycleService.toOutbox(ru.getmark.support.common.event.TicketEvent.of(type, now,
                    t.snapshot(), data), now));
            actions.persist(TicketAction.of(t, "sla-" + kind, "system", now, null,
                    w.kind() + " deadline " + w.deadline()));
            lifecycleService.fireOutboxWritten(t.number);
            sent++;
        }
        return sent;
    }
}
