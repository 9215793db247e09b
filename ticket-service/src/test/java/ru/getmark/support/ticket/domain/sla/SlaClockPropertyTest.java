package ru.getmark.support.ticket.domain.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import ru.getmark.support.common.time.MoscowTime;

/**
 * Property-style checks of {@link SlaClock} over many random starts, amounts and schedules, with a fixed seed
 * so a failure is reproducible. Starts range from late 2023 to early 2028, so they cross every covered year end
 * and both edges of the calendar's coverage.
 */
class SlaClockPropertyTest {

    private static final long SEED = 20261225L;
    private static final ProductionCalendar CALENDAR = ProductionCalendar.loadDefault();
    private static final SlaClock CLOCK = new SlaClock(CALENDAR);
    private static final List<WorkingHours> SCHEDULES = List.of(
            WorkingHours.FIRST_LINE,
            WorkingHours.SECOND_LINE,
            WorkingHours.FIRST_LINE.withPreHolidayShortening(Duration.ofHours(1)),
            WorkingHours.SECOND_LINE.withPreHolidayShortening(Duration.ofHours(1)),
            WorkingHours.of(LocalTime.of(8, 30), LocalTime.of(17, 15)));
    private static final Instant EARLIEST = Msk.at("2023-12-20T00:00");
    private static final long SPAN_MINUTES = Duration.between(EARLIEST, Msk.at("2028-01-15T00:00")).toMinutes();

    private static Instant randomStart(Random random, boolean withSeconds) {
        Instant start = EARLIEST.plus(Duration.ofMinutes((long) (random.nextDouble() * SPAN_MINUTES)));
        return withSeconds ? start.plusSeconds(random.nextInt(60)) : start;
    }

    @Test
    @DisplayName("R9: workingTimeBetween(s, plusWorkingHours(s, d)) == d for 5000 random starts, amounts and schedules")
    void betweenInvertsPlus() {
        Random random = new Random(SEED);
        for (int i = 0; i < 5000; i++) {
            Instant start = randomStart(random, random.nextBoolean());
            Duration amount = Duration.ofMinutes(random.nextInt(300 * 60)).plusSeconds(random.nextInt(4) == 0 ? random.nextInt(60) : 0);
            WorkingHours hours = SCHEDULES.get(random.nextInt(SCHEDULES.size()));
            String what = "start " + Msk.text(start) + " + " + amount + " in " + hours;

            Instant end = CLOCK.plusWorkingHours(start, amount, hours);

            assertThat(CLOCK.workingTimeBetween(start, end, hours)).as(what).isEqualTo(amount);
            assertThat(end).as(what).isAfterOrEqualTo(CLOCK.nextWorkingMinute(start, hours));
            if (!amount.isZero()) {
                // The last instant consumed was working time: the end is inside a window or at its close.
                assertThat(CLOCK.isWorkingTime(end.minusNanos(1), hours)).as(what).isTrue();
                // One more minute of work ends strictly later.
                assertThat(CLOCK.plusWorkingHours(start, amount.plusMinutes(1), hours)).as(what).isAfter(end);
            } else {
                assertThat(end).as(what).isEqualTo(CLOCK.nextWorkingMinute(start, hours));
            }
        }
    }

    @Test
    @DisplayName("R9: plusWorkingHours(s, workingTimeBetween(s, t)) == t for any working instant t after the clock's start (a day's opening: the previous close)")
    void plusInvertsBetween() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 3000; i++) {
            WorkingHours hours = SCHEDULES.get(random.nextInt(SCHEDULES.size()));
            Instant start = randomStart(random, true);
            Instant t = CLOCK.nextWorkingMinute(start.plus(Duration.ofMinutes(random.nextInt(40 * 24 * 60))), hours);
            Duration between = CLOCK.workingTimeBetween(start, t, hours);
            Instant back = CLOCK.plusWorkingHours(start, between, hours);
            String what = "start " + Msk.text(start) + ", t " + Msk.text(t) + " in " + hours;
            // Exactly t, except when t opens a working day: the same point of working time is then answered
            // with the previous close (the documented choice), whose next working minute is t.
            assertThat(CLOCK.nextWorkingMinute(back, hours)).as(what).isEqualTo(t);
            boolean opensTheDay = LocalDateTime.ofInstant(t, MoscowTime.ZONE).toLocalTime().equals(hours.start());
            if (opensTheDay && !back.equals(t)) {
                assertThat(CLOCK.isWorkingTime(back.minusNanos(1), hours)).as(what).isTrue();
                assertThat(CLOCK.isWorkingTime(back, hours)).as(what).isFalse();
            } else {
                assertThat(back).as(what).isEqualTo(t);
            }
        }
    }

    /**
     * An independent oracle: walk minute by minute and count the minutes whose Moscow wall-clock time lies in
     * the day's window of a working day. Slow and obviously right; the clock must agree with it exactly.
     */
    @Test
    @DisplayName("R9: plusWorkingHours and workingTimeBetween agree with a minute-by-minute count (800 random cases)")
    void agreesWithMinuteByMinuteOracle() {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < 800; i++) {
            WorkingHours hours = SCHEDULES.get(random.nextInt(SCHEDULES.size()));
            Instant start = randomStart(random, false);
            long minutes = random.nextInt(40 * 60) + 1;
            String what = "start " + Msk.text(start) + " + " + minutes + " min in " + hours;

            assertThat(CLOCK.plusWorkingHours(start, Duration.ofMinutes(minutes), hours))
                    .as(what).isEqualTo(oraclePlus(start, minutes, hours));

            Instant to = start.plus(Duration.ofMinutes(random.nextInt(20 * 24 * 60)));
            assertThat(CLOCK.workingTimeBetween(start, to, hours))
                    .as("between %s and %s in %s", Msk.text(start), Msk.text(to), hours)
                    .isEqualTo(Duration.ofMinutes(oracleBetween(start, to, hours)));
        }
    }

    private static boolean workingMinute(Instant minuteStart, WorkingHours hours) {
        LocalDateTime local = LocalDateTime.ofInstant(minuteStart, MoscowTime.ZONE);
        LocalDate day = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        return CALENDAR.isWorkingDay(day)
                && !time.isBefore(hours.start())
                && time.isBefore(hours.endOn(CALENDAR.isPreHoliday(day)));
    }

    private static Instant oraclePlus(Instant start, long minutes, WorkingHours hours) {
        Instant t = start.truncatedTo(ChronoUnit.MINUTES);
        long left = minutes;
        while (true) {
            if (workingMinute(t, hours) && --left == 0) {
                return t.plus(Duration.ofMinutes(1));
            }
            t = t.plus(Duration.ofMinutes(1));
        }
    }

    private static long oracleBetween(Instant from, Instant to, WorkingHours hours) {
        long count = 0;
        for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(1))) {
            if (workingMinute(t, hours)) {
                count++;
            }
        }
        return count;
    }
}
