package ru.getmark.support.ticket.domain.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * When a group of similar tickets is a mass problem (R16, regulation §5.15: "При поступлении в течение одного дня
 * более четырех Обращений с аналогичными проблемами"): more than four of its tickets arrived (were registered)
 * within one day.
 *
 * <p>"One day" is a sliding window of 24 hours, half-open: tickets registered at {@code t} and {@code t + 24h} are
 * not within one day, at {@code t + 23:59:59.999} they are. Not the Moscow calendar day, because a burst does not
 * stop at midnight: six customers writing between 22:00 and 02:00 have a mass problem as much as six between 10:00
 * and 14:00, while a calendar day would split them into two groups of three and tell no one. The arrival counted is
 * the registration (§5.15 speaks of tickets coming in), not the moment staff linked them, so a late link does not
 * move a ticket into a window it did not arrive in.
 */
public final class MassProblemRule {

    /** §5.15: more than four. */
    public static final int MORE_THAN = 4;
    /** §5.15: within one day, read as 24 hours. */
    public static final Duration WINDOW = Duration.ofHours(24);

    private MassProblemRule() {
    }

    /** Whether more than four of these registration instants lie within one 24-hour window. */
    public static boolean reached(Collection<Instant> registrations) {
        List<Instant> sorted = registrations.stream().filter(Objects::nonNull).sorted().toList();
        for (int i = 0; i + MORE_THAN < sorted.size(); i++) {
            if (Duration.between(sorted.get(i), sorted.get(i + MORE_THAN)).compareTo(WINDOW) < 0) {
                return true;
            }
        }
        return false;
    }
}
