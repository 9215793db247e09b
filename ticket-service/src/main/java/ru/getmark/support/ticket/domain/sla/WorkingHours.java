package ru.getmark.support.ticket.domain.sla;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * The daily schedule of a support line in Moscow time, on the working days of the production calendar
 * (R9, §5.9): the first line works 09:00–21:00, the second and third lines 09:00–18:00.
 *
 * <p>The total resolution target and the third line count second-line hours (§5.29), so they use
 * {@link #SECOND_LINE} too.
 *
 * @param start                 when the working day begins (inclusive)
 * @param end                   when it closes (exclusive); after {@code start}, same day
 * @param preHolidayShortening  how much earlier the day closes on a pre-holiday day ({@link DayKind#SHORT});
 *                              zero by default, because R9 keeps the regulation's fixed hours
 */
public record WorkingHours(LocalTime start, LocalTime end, Duration preHolidayShortening) {

    /** First line: 09:00–21:00 MSK. */
    public static final WorkingHours FIRST_LINE = of(LocalTime.of(9, 0), LocalTime.of(21, 0));

    /** Second and third lines, and the total target: 09:00–18:00 MSK. */
    public static final WorkingHours SECOND_LINE = of(LocalTime.of(9, 0), LocalTime.of(18, 0));

    public WorkingHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(preHolidayShortening, "preHolidayShortening");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("working hours must end after they start: " + start + "–" + end);
        }
        if (preHolidayShortening.isNegative()) {
            throw new IllegalArgumentException("pre-holiday shortening must not be negative: " + preHolidayShortening);
        }
        if (preHolidayShortening.compareTo(Duration.between(start, end)) >= 0) {
            throw new IllegalArgumentException("pre-holiday shortening " + preHolidayShortening
                    + " leaves no working time in " + start + "–" + end);
        }
    }

    /** A schedule without pre-holiday shortening. */
    public static WorkingHours of(LocalTime start, LocalTime end) {
        return new WorkingHours(start, end, Duration.ZERO);
    }

    /**
     * The same schedule, closing {@code shortening} earlier on pre-holiday days (Labour Code art. 95 says one
     * hour). Off by default: R9 keeps the regulation's fixed hours unless configured otherwise.
     */
    public WorkingHours withPreHolidayShortening(Duration shortening) {
        return new WorkingHours(start, end, shortening);
    }

    /** When the working day closes, given whether it is a pre-holiday day. */
    public LocalTime endOn(boolean preHoliday) {
        return preHoliday ? end.minus(preHolidayShortening) : end;
    }

    /** The length of an ordinary working day. */
    public Duration length() {
        return Duration.between(start, end);
    }

    @Override
    public String toString() {
        return start + "–" + end + (preHolidayShortening.isZero() ? "" : " (pre-holiday −" + preHolidayShortening + ")");
    }
}
