package ru.getmark.support.ticket.domain.sla;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import ru.getmark.support.common.event.Priority;

/**
 * Resolution targets per priority, in working hours (R9, §5.17). {@link #REGULATION} holds the regulation's
 * table; other values exist so that a contract with different targets is configuration, not code.
 *
 * <p>A priority without a target (Критический in the regulation: "as fast as possible") gets no deadline.
 *
 * @param byPriority the targets; priorities absent from the map have none
 */
public record SlaTargets(Map<Priority, Target> byPriority) {

    /**
     * The targets of one priority, all counted from registration.
     *
     * @param total      total time to a solution, in second-line hours ("Общее время")
     * @param firstLine  the first line's share, in first-line hours
     * @param secondLine the second line's share, in second-line hours
     */
    public record Target(Duration total, Duration firstLine, Duration secondLine) {

        public Target {
            requirePositive(total, "total");
            requirePositive(firstLine, "firstLine");
            requirePositive(secondLine, "secondLine");
        }

        /** A target given in whole working hours. */
        public static Target hours(long total, long firstLine, long secondLine) {
            return new Target(Duration.ofHours(total), Duration.ofHours(firstLine), Duration.ofHours(secondLine));
        }

        private static void requirePositive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("SLA target " + name + " must be positive: " + d);
            }
        }
    }

    /**
     * The regulation's table (§5.17): Высокий 12/4/8, Средний 72/24/48, Низкий 120/48/72 working hours
     * (total / first line / second line); Критический has none.
     */
    public static final SlaTargets REGULATION = new SlaTargets(Map.of(
            Priority.HIGH, Target.hours(12, 4, 8),
            Priority.MEDIUM, Target.hours(72, 24, 48),
            Priority.LOW, Target.hours(120, 48, 72)));

    public SlaTargets {
        Objects.requireNonNull(byPriority, "byPriority");
        EnumMap<Priority, Target> copy = new EnumMap<>(Priority.class);
        byPriority.forEach((priority, target) ->
                copy.put(Objects.requireNonNull(priority, "priority"), Objects.requireNonNull(target, "target")));
        byPriority = Collections.unmodifiableMap(copy);
    }

    /** The target of a priority, if it has one. */
    public Optional<Target> of(Priority priority) {
        return Optional.ofNullable(byPriority.get(Objects.requireNonNull(priority, "priority")));
    }

    /** These targets with the priority's target replaced (or added). */
    public SlaTargets with(Priority priority, Target target) {
        EnumMap<Priority, Target> copy = new EnumMap<>(Priority.class);
        copy.putAll(byPriority);
        copy.put(priority, target);
        return new SlaTargets(copy);
    }
}
