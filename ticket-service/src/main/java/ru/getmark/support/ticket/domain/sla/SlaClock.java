package ru.getmark.support.ticket.domain.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

import ru.getmark.support.common.time.MoscowTime;

/**
 * Working-time arithmetic of the SLA (R9): adds working hours to an instant and measures the working time
 * between two instants, counting only the working minutes of the working days of a {@link ProductionCalendar},
 * in Moscow time, for a given line's {@link WorkingHours}.
 *
 * <p>Exact: no rounding at all, so a ticket registered at 17:00:30 is due at hh:mm:30. Efficient: it walks
 * day by day and takes each working day's window in one step, never minute by minute.
 *
 * <p>Choices, fixed here so that every caller gets the same answer:
 * <ul>
 *   <li>A start outside working time (night, weekend, holiday) begins at the next working minute (R9).</li>
 *   <li>An amount that runs out exactly at the close of a day ends at that close (e.g. 18:00), not at the
 *       next morning's 09:00: the work was due by the end of that day, and that is what the customer is told.</li>
 *   <li>A day's window is {@code [start, end)}; an instant at the close is outside working time.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; plain Java, wired by the framework.
 */
public final class SlaClock {

    /** Longest run of non-working days tolerated before the calendar is deemed broken (about ten years). */
    private static final int MAX_IDLE_DAYS = 3660;

    private final ProductionCalendar calendar;
    private final ZoneId zone = MoscowTime.ZONE;

    public SlaClock(ProductionCalendar calendar) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    /** The calendar this clock counts by. */
    public ProductionCalendar calendar() {
        return calendar;
    }

    /**
     * The instant itself when it is working time, otherwise the start of the next working window: where the
     * SLA clock of a ticket registered at {@code instant} starts.
     */
    public Instant nextWorkingMinute(Instant instant, WorkingHours hours) {
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(hours, "hours");
        LocalDate day = instant.atZone(zone).toLocalDate();
        for (int idle = 0; idle <= MAX_IDLE_DAYS; idle++, day = day.plusDays(1)) {
            if (!calendar.isWorkingDay(day)) {
                continue;
            }
            Instant open = open(day, hours);
            if (instant.isBefore(open)) {
                return open;
            }
            if (instant.isBefore(close(day, hours))) {
                return instant;
            }
        }
        throw noWorkingDay(instant);
    }

    /** Whether the instant falls inside a working window (the close itself does not). */
    public boolean isWorkingTime(Instant instant, WorkingHours hours) {
        return nextWorkingMinute(instant, hours).equals(instant);
    }

    /**
     * The instant at which {@code amount} of working time has elapsed from {@code start}: the deadline of a
     * target of {@code amount} working hours. A start outside working time begins at the next working minute;
     * an amount ending exactly at a day's close ends at that close. A zero amount gives the clock's start.
     *
     * @throws IllegalArgumentException when the amount is negative
     */
    public Instant plusWorkingHours(Instant start, Duration amount, WorkingHours hours) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("working time to add must not be negative: " + amount);
        }
        Instant cursor = nextWorkingMinute(start, hours);
        Duration remaining = amount;
        LocalDate day = cursor.atZone(zone).toLocalDate();
        int idle = 0;
        while (true) {
            if (calendar.isWorkingDay(day)) {
                idle = 0;
                Instant from = max(cursor, open(day, hours));
                Instant close = close(day, hours);
                Duration available = Duration.between(from, close);
                if (remaining.compareTo(available) <= 0) {
                    return from.plus(remaining);
                }
                remaining = remaining.minus(available);
            } else if (++idle > MAX_IDLE_DAYS) {
                throw noWorkingDay(start);
            }
            day = day.plusDays(1);
        }
    }

    /**
     * The working time inside {@code [from, to)}: how much of an SLA target a period consumed. Used to stop
     * the clock while a ticket waits for the customer or for a release (R9, §5.19). Zero when {@code to} is
     * not after {@code from}.
     *
     * <p>The inverse of {@link #plusWorkingHours}: {@code workingTimeBetween(s, plusWorkingHours(s, d)) == d}.
     */
    public Duration workingTimeBetween(Instant from, Instant to, WorkingHours hours) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(hours, "hours");
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        LocalDate last = to.atZone(zone).toLocalDate();
        Duration total = Duration.ZERO;
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            if (!calendar.isWorkingDay(day)) {
                continue;
            }
            Instant start = max(from, open(day, hours));
            Instant end = min(to, close(day, hours));
            if (end.isAfter(start)) {
                total = total.plus(Duration.between(start, end));
            }
        }
        return total;
    }

    private Instant open(LocalDate day, WorkingHours hours) {
        return ZonedDateTime.of(day, hours.start(), zone).toInstant();
    }

    private Instant close(LocalDate day, WorkingHours hours) {
        return ZonedDateTime.of(day, hours.endOn(calendar.isPreHoliday(day)), zone).toInstant();
    }

    private IllegalStateException noWorkingDay(Instant from) {
        return new IllegalStateException("production calendar " + calendar.source()
                + " has no working day within " + MAX_IDLE_DAYS + " days after " + MoscowTime.format(from));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
