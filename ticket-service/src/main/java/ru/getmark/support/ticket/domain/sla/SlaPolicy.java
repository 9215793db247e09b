package ru.getmark.support.ticket.domain.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import ru.getmark.support.common.event.Deadlines;
import ru.getmark.support.common.event.Priority;

/**
 * The SLA deadlines of a ticket (R9, §5.17, §5.29): from the registration instant, the total target and the
 * second-line target are counted in second-line hours (09:00–18:00), the first-line target in first-line
 * hours (09:00–21:00), all on the working days of the production calendar.
 *
 * <p>Критический has no hour target ("as fast as possible"): its {@link Deadlines} are all {@code null}
 * ({@link #NO_DEADLINES}); the service tracks its elapsed time and alerts at once instead (R9, R18).
 *
 * <p>Immutable and thread-safe; plain Java, wired by the framework.
 */
public final class SlaPolicy {

    /** What a priority without a target gets: no deadline at all. */
    public static final Deadlines NO_DEADLINES = new Deadlines(null, null, null);

    private final SlaClock clock;
    private final SlaTargets targets;
    private final WorkingHours firstLineHours;
    private final WorkingHours secondLineHours;

    /** The regulation's targets and hours. */
    public SlaPolicy(SlaClock clock) {
        this(clock, SlaTargets.REGULATION, WorkingHours.FIRST_LINE, WorkingHours.SECOND_LINE);
    }

    /**
     * @param firstLineHours  the first line's schedule (first-line deadline)
     * @param secondLineHours the second and third lines' schedule (total and second-line deadlines)
     */
    public SlaPolicy(SlaClock clock, SlaTargets targets, WorkingHours firstLineHours, WorkingHours secondLineHours) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.targets = Objects.requireNonNull(targets, "targets");
        this.firstLineHours = Objects.requireNonNull(firstLineHours, "firstLineHours");
        this.secondLineHours = Objects.requireNonNull(secondLineHours, "secondLineHours");
    }

    /** Whether the priority has hour targets (in the regulation: all but Критический). */
    public boolean hasTarget(Priority priority) {
        return targets.of(priority).isPresent();
    }

    /**
     * The deadlines of a ticket of that priority registered at that instant; a registration outside working
     * hours starts each clock at that line's next working minute. {@link #NO_DEADLINES} for a priority
     * without a target.
     */
    public Deadlines deadlines(Priority priority, Instant registeredAt) {
        Objects.requireNonNull(registeredAt, "registeredAt");
        Optional<SlaTargets.Target> target = targets.of(priority);
        if (target.isEmpty()) {
            return NO_DEADLINES;
        }
        SlaTargets.Target t = target.get();
        return new Deadlines(
                clock.plusWorkingHours(registeredAt, t.total(), secondLineHours),
                clock.plusWorkingHours(registeredAt, t.firstLine(), firstLineHours),
                clock.plusWorkingHours(registeredAt, t.secondLine(), secondLineHours));
    }

    /**
     * The deadlines after the clock stood still from {@code pausedAt} to {@code resumedAt} (§5.19: while the
     * ticket was Ожидает ответа пользователя or Ожидается реализация). Each deadline keeps the working time
     * that was left at the pause, counted again from the resumption in its own line's hours. A deadline
     * already passed at the pause stays where it was (the ticket stays overdue); a missing one stays missing.
     *
     * @throws IllegalArgumentException when {@code resumedAt} is before {@code pausedAt}
     */
    public Deadlines resume(Deadlines deadlines, Instant pausedAt, Instant resumedAt) {
        Objects.requireNonNull(deadlines, "deadlines");
        Objects.requireNonNull(pausedAt, "pausedAt");
        Objects.requireNonNull(resumedAt, "resumedAt");
        if (resumedAt.isBefore(pausedAt)) {
            throw new IllegalArgumentException("resumed at " + resumedAt + " before the pause at " + pausedAt);
        }
        return new Deadlines(
                shift(deadlines.resolution(), pausedAt, resumedAt, secondLineHours),
                shift(deadlines.firstLine(), pausedAt, resumedAt, firstLineHours),
                shift(deadlines.secondLine(), pausedAt, resumedAt, secondLineHours));
    }

    private Instant shift(Instant deadline, Instant pausedAt, Instant resumedAt, WorkingHours hours) {
        if (deadline == null || !pausedAt.isBefore(deadline)) {
            return deadline;
        }
        Duration left = clock.workingTimeBetween(pausedAt, deadline, hours);
        return clock.plusWorkingHours(resumedAt, left, hours);
    }

    /** The first line's schedule. */
    public WorkingHours firstLineHours() {
        return firstLineHours;
    }

    /** The second and third lines' schedule, which the total target counts too. */
    public WorkingHours secondLineHours() {
        return secondLineHours;
    }

    /** The targets in force. */
    public SlaTargets targets() {
        return targets;
    }
}
