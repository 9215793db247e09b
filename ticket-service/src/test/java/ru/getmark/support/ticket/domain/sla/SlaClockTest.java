package ru.getmark.support.ticket.domain.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.getmark.support.ticket.domain.sla.Msk.at;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlaClockTest {

    private static final ProductionCalendar CALENDAR = ProductionCalendar.loadDefault();
    private static final SlaClock CLOCK = new SlaClock(CALENDAR);
    private static final WorkingHours FIRST = WorkingHours.FIRST_LINE;
    private static final WorkingHours SECOND = WorkingHours.SECOND_LINE;
    private static final WorkingHours SECOND_SHORTENED = SECOND.withPreHolidayShortening(Duration.ofHours(1));

    private static Instant plus(String start, long hours, WorkingHours schedule) {
        return CLOCK.plusWorkingHours(at(start), Duration.ofHours(hours), schedule);
    }

    private static WorkingHours line(String name) {
        return switch (name) {
            case "FIRST" -> FIRST;
            case "SECOND" -> SECOND;
            case "SECOND_SHORTENED" -> SECOND_SHORTENED;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * R9's own example. A Средний ticket registered on Friday 2026-12-25 at 17:00 MSK is due 72 second-line
     * hours (09:00–18:00) later:
     * <pre>
     *   Fri 2026-12-25  17:00–18:00   1 h   (total  1)
     *   Sat 26, Sun 27                weekend
     *   Mon 2026-12-28  09:00–18:00   9 h   (total 10)
     *   Tue 2026-12-29                9 h   (total 19)
     *   Wed 2026-12-30                9 h   (total 28)
     *   Thu 2026-12-31                day off moved from Sunday 4 January 2026 (decree № 1466)
     *   Fri 2027-01-01 .. Fri 01-08   New Year holidays (art. 112); Sat 9, Sun 10 weekend
     *   Mon 2027-01-11                9 h   (total 37)
     *   Tue 2027-01-12                9 h   (total 46)
     *   Wed 2027-01-13                9 h   (total 55)
     *   Thu 2027-01-14                9 h   (total 64)
     *   Fri 2027-01-15  09:00–17:00   8 h   (total 72)  → due Friday 2027-01-15 17:00 MSK
     * </pre>
     * 2027 is provisional in the calendar (no decree yet), but its 1–8 January holidays are the Labour Code's own;
     * the decree only decides where the two weekend holidays of 2 and 3 January go, later in the year.
     */
    @Test
    @DisplayName("R9 example: Средний registered Fri 2026-12-25 17:00 MSK is due Fri 2027-01-15 17:00 MSK")
    void regulationExample() {
        assertThat(plus("2026-12-25T17:00", 72, SECOND)).isEqualTo(at("2027-01-15T17:00"));
        assertThat(CLOCK.workingTimeBetween(at("2026-12-25T17:00"), at("2027-01-15T17:00"), SECOND))
                .isEqualTo(Duration.ofHours(72));
    }

    @Nested
    @DisplayName("R9: nights, weekends and the edges of the working day")
    class Edges {

        @Test
        void overNight() {
            assertThat(plus("2026-11-24T17:00", 2, SECOND)).isEqualTo(at("2026-11-25T10:00")); // Tue → Wed
            assertThat(plus("2026-11-24T20:00", 2, FIRST)).isEqualTo(at("2026-11-25T10:00"));
        }

        @Test
        void overWeekend() {
            assertThat(plus("2026-11-27T17:00", 2, SECOND)).isEqualTo(at("2026-11-30T10:00")); // Fri → Mon
            assertThat(plus("2026-11-28T12:00", 1, SECOND)).isEqualTo(at("2026-11-30T10:00")); // from a Saturday
        }

        /** One working hour from Tuesday 2026-11-24 at the given time. */
        @ParameterizedTest(name = "{0} line, start {1} + {2} min → {3}")
        @CsvSource({
                "SECOND, 2026-11-24T08:59, 60, 2026-11-24T10:00",
                "SECOND, 2026-11-24T09:00, 60, 2026-11-24T10:00",
                "SECOND, 2026-11-24T17:59, 60, 2026-11-25T09:59",
                "SECOND, 2026-11-24T18:00, 60, 2026-11-25T10:00",
                "SECOND, 2026-11-24T21:00, 60, 2026-11-25T10:00",
                "SECOND, 2026-11-24T00:00, 60, 2026-11-24T10:00",
                "FIRST,  2026-11-24T08:59, 60, 2026-11-24T10:00",
                "FIRST,  2026-11-24T09:00, 60, 2026-11-24T10:00",
                "FIRST,  2026-11-24T17:59, 60, 2026-11-24T18:59",
                "FIRST,  2026-11-24T18:00, 60, 2026-11-24T19:00",
                "FIRST,  2026-11-24T20:59, 60, 2026-11-25T09:59",
                "FIRST,  2026-11-24T21:00, 60, 2026-11-25T10:00",
                "SECOND, 2026-11-24T17:00, 61, 2026-11-25T09:01",
                "SECOND, 2026-11-24T17:59,  1, 2026-11-24T18:00",
                "SECOND, 2026-11-24T18:00,  1, 2026-11-25T09:01"})
        void startsAroundTheEdges(String line, String start, long minutes, String expected) {
            assertThat(CLOCK.plusWorkingHours(at(start), Duration.ofMinutes(minutes), line(line)))
                    .isEqualTo(at(expected));
        }

        /**
         * The documented choice: an amount that runs out exactly at the close of a day ends at that close
         * (18:00, or 21:00 for the first line), not at 09:00 the next working morning.
         */
        @Test
        @DisplayName("an amount ending exactly at the close stays at the close, not the next morning")
        void endsAtTheClose() {
            assertThat(plus("2026-11-24T09:00", 9, SECOND)).isEqualTo(at("2026-11-24T18:00"));
            assertThat(plus("2026-11-24T17:00", 1, SECOND)).isEqualTo(at("2026-11-24T18:00"));
            assertThat(plus("2026-11-24T09:00", 12, FIRST)).isEqualTo(at("2026-11-24T21:00"));
            assertThat(plus("2026-11-27T17:00", 1, SECOND)).isEqualTo(at("2026-11-27T18:00")); // Friday, not Monday
            assertThat(plus("2026-11-27T08:00", 18, SECOND)).isEqualTo(at("2026-11-30T18:00"));
        }

        @Test
        @DisplayName("a zero amount gives the moment the clock starts")
        void zeroAmount() {
            assertThat(plus("2026-11-24T10:15", 0, SECOND)).isEqualTo(at("2026-11-24T10:15"));
            assertThat(plus("2026-11-24T18:00", 0, SECOND)).isEqualTo(at("2026-11-25T09:00"));
        }

        @Test
        @DisplayName("exact: seconds are kept, nothing is rounded")
        void keepsSeconds() {
            assertThat(CLOCK.plusWorkingHours(at("2026-11-24T17:00:30"), Duration.ofHours(1), SECOND))
                    .isEqualTo(at("2026-11-25T09:00:30"));
            assertThat(CLOCK.plusWorkingHours(at("2026-11-24T17:00:30"), Duration.ofMinutes(59).plusSeconds(30), SECOND))
                    .isEqualTo(at("2026-11-24T18:00"));
        }
    }

    @Nested
    @DisplayName("R9: holidays, transferred days off and working Saturdays")
    class Calendar {

        @Test
        @DisplayName("a start on a holiday begins at the next working morning")
        void startOnHoliday() {
            // Friday 12 June 2026, Russia Day; then the weekend.
            assertThat(plus("2026-06-12T10:00", 1, SECOND)).isEqualTo(at("2026-06-15T10:00"));
            // Wednesday 4 November 2026, Unity Day.
            assertThat(plus("2026-11-04T12:00", 1, FIRST)).isEqualTo(at("2026-11-05T10:00"));
            // 1 January 2026 (a Thursday): the holidays and the day off of 9 January, to Monday 12 January.
            assertThat(plus("2026-01-01T10:00", 1, SECOND)).isEqualTo(at("2026-01-12T10:00"));
        }

        @Test
        @DisplayName("transferred days off are skipped")
        void transferredDaysOff() {
            // Monday 9 March 2026 is off (art. 112 move of Sunday 8 March).
            assertThat(plus("2026-03-06T17:00", 2, SECOND)).isEqualTo(at("2026-03-10T10:00"));
            // Thursday 8 May 2025 is off (from Sunday 23 February), Friday 9 May is Victory Day.
            assertThat(plus("2025-05-07T17:00", 2, SECOND)).isEqualTo(at("2025-05-12T10:00"));
            // Monday 24 February 2025 is NOT off: the 2025 decree moved 23 February to 8 May instead.
            assertThat(plus("2025-02-21T17:00", 2, SECOND)).isEqualTo(at("2025-02-24T10:00"));
            // 29 and 30 April 2024 are off, 1 May is a holiday.
            assertThat(plus("2024-04-27T17:00", 2, SECOND)).isEqualTo(at("2024-05-02T10:00"));
        }

        @Test
        @DisplayName("a working Saturday counts")
        void workingSaturday() {
            assertThat(plus("2025-10-31T17:00", 2, SECOND)).isEqualTo(at("2025-11-01T10:00")); // Sat 1 Nov 2025
            assertThat(plus("2025-11-01T17:00", 2, SECOND)).isEqualTo(at("2025-11-05T10:00")); // then 2–4 Nov off
            assertThat(plus("2024-04-26T17:00", 2, SECOND)).isEqualTo(at("2024-04-27T10:00")); // Sat 27 Apr 2024
            assertThat(plus("2024-11-01T20:00", 2, FIRST)).isEqualTo(at("2024-11-02T10:00")); // Sat 2 Nov 2024
        }
    }

    @Nested
    @DisplayName("R9: year ends")
    class YearEnds {

        @Test
        void from2024To2025() {
            // Working Saturday 28 Dec 2024; 30 and 31 Dec off; 1–8 Jan 2025 holidays → Thursday 9 January.
            assertThat(plus("2024-12-28T17:00", 2, SECOND)).isEqualTo(at("2025-01-09T10:00"));
        }

        @Test
        void from2025To2026() {
            // 31 Dec 2025 off; 1–8 Jan 2026 holidays; 9 Jan off; weekend → Monday 12 January.
            assertThat(plus("2025-12-30T17:00", 2, SECOND)).isEqualTo(at("2026-01-12T10:00"));
        }

        @Test
        void from2026To2027() {
            // 31 Dec 2026 off; 1–8 Jan 2027 holidays; weekend → Monday 11 January.
            assertThat(plus("2026-12-30T17:00", 2, SECOND)).isEqualTo(at("2027-01-11T10:00"));
            assertThat(plus("2026-12-30T20:00", 2, FIRST)).isEqualTo(at("2027-01-11T10:00"));
        }

        @Test
        @DisplayName("2027 → 2028: outside the calendar the clock falls back to Mon–Fri (and the calendar says so)")
        void from2027To2028Fallback() {
            // Friday 31 Dec 2027 is a working (pre-holiday) day; 2028 is not covered, so Monday 3 January 2028
            // counts as a working day although it will surely be a holiday.
            assertThat(plus("2027-12-31T17:00", 2, SECOND)).isEqualTo(at("2028-01-03T10:00"));
            assertThat(CALENDAR.covers(LocalDate.of(2028, 1, 3))).isFalse();
            assertThat(CALENDAR.covers(LocalDate.of(2027, 12, 31))).isTrue();
        }

        @Test
        @DisplayName("a whole year of second-line hours is 9 h per working day and ends at the close of the last one")
        void wholeYears() {
            assertThat(CLOCK.workingTimeBetween(at("2025-01-01T00:00"), at("2026-01-01T00:00"), SECOND))
                    .isEqualTo(Duration.ofHours(247 * 9));
            assertThat(plus("2025-01-01T00:00", 247 * 9, SECOND)).isEqualTo(at("2025-12-30T18:00"));
            assertThat(plus("2024-01-01T00:00", 248 * 9, SECOND)).isEqualTo(at("2024-12-28T18:00")); // a Saturday
            assertThat(plus("2026-01-01T00:00", 247 * 12, FIRST)).isEqualTo(at("2026-12-30T21:00"));
        }
    }

    @Test
    @DisplayName("R9: the first line counts 09:00–21:00, the second 09:00–18:00")
    void firstVersusSecondLine() {
        // Tue 10:00: first line 11 h on Tuesday, 12 h Wednesday, 1 h Thursday.
        assertThat(plus("2026-11-24T10:00", 24, FIRST)).isEqualTo(at("2026-11-26T10:00"));
        // Tue 10:00: second line 8 h on Tuesday, 9 h Wednesday, 7 h Thursday.
        assertThat(plus("2026-11-24T10:00", 24, SECOND)).isEqualTo(at("2026-11-26T16:00"));
    }

    @Nested
    @DisplayName("R9: pre-holiday days keep the fixed hours unless shortening is configured")
    class PreHoliday {

        @Test
        void fixedHoursByDefault() {
            // Thursday 30 April 2026 is a pre-holiday day; by default it still closes at 18:00.
            assertThat(plus("2026-04-30T16:00", 2, SECOND)).isEqualTo(at("2026-04-30T18:00"));
            assertThat(CLOCK.nextWorkingMinute(at("2026-04-30T17:30"), SECOND)).isEqualTo(at("2026-04-30T17:30"));
        }

        @Test
        void shortenedWhenConfigured() {
            // Closes at 17:00: 1 h on 30 April, then 1–3 May off, 1 h on Monday 4 May.
            assertThat(plus("2026-04-30T16:00", 2, SECOND_SHORTENED)).isEqualTo(at("2026-05-04T10:00"));
            assertThat(CLOCK.nextWorkingMinute(at("2026-04-30T17:30"), SECOND_SHORTENED)).isEqualTo(at("2026-05-04T09:00"));
            WorkingHours firstShortened = FIRST.withPreHolidayShortening(Duration.ofHours(1));
            assertThat(CLOCK.plusWorkingHours(at("2026-04-30T19:30"), Duration.ofHours(1), firstShortened))
                    .isEqualTo(at("2026-05-04T09:30"));
            // The four pre-holiday days of 2026 lose an hour each.
            assertThat(CLOCK.workingTimeBetween(at("2026-01-01T00:00"), at("2027-01-01T00:00"), SECOND_SHORTENED))
                    .isEqualTo(Duration.ofHours(247 * 9 - 4));
            // The working Saturday 1 November 2025 is a pre-holiday day too.
            assertThat(CLOCK.plusWorkingHours(at("2025-11-01T16:30"), Duration.ofHours(1), SECOND_SHORTENED))
                    .isEqualTo(at("2025-11-05T09:30"));
        }
    }

    @ParameterizedTest(name = "{0} line: next working minute after {1} is {2}")
    @CsvSource({
            "SECOND, 2026-11-24T08:59,    2026-11-24T09:00",
            "SECOND, 2026-11-24T09:00,    2026-11-24T09:00",
            "SECOND, 2026-11-24T17:59:30, 2026-11-24T17:59:30",
            "SECOND, 2026-11-24T18:00,    2026-11-25T09:00",
            "FIRST,  2026-11-24T18:00,    2026-11-24T18:00",
            "FIRST,  2026-11-24T21:00,    2026-11-25T09:00",
            "SECOND, 2026-11-28T12:00,    2026-11-30T09:00",
            "SECOND, 2025-12-31T10:00,    2026-01-12T09:00",
            "FIRST,  2026-12-25T23:59:59, 2026-12-28T09:00",
            "SECOND, 2026-06-12T08:00,    2026-06-15T09:00"})
    void nextWorkingMinute(String line, String instant, String expected) {
        assertThat(CLOCK.nextWorkingMinute(at(instant), line(line))).isEqualTo(at(expected));
        assertThat(CLOCK.isWorkingTime(at(instant), line(line))).isEqualTo(instant.equals(expected));
    }

    @Nested
    @DisplayName("R9 §5.19: working time between two instants (to stop the clock while waiting)")
    class Between {

        @Test
        void countsOnlyWorkingTime() {
            assertThat(CLOCK.workingTimeBetween(at("2026-11-27T17:00"), at("2026-11-30T10:00"), SECOND))
                    .isEqualTo(Duration.ofHours(2));
            assertThat(CLOCK.workingTimeBetween(at("2026-11-24T19:00"), at("2026-11-25T08:00"), SECOND)).isZero();
            assertThat(CLOCK.workingTimeBetween(at("2026-11-24T19:00"), at("2026-11-25T08:00"), FIRST))
                    .isEqualTo(Duration.ofHours(2));
            assertThat(CLOCK.workingTimeBetween(at("2026-12-30T17:30"), at("2027-01-11T09:30"), SECOND))
                    .isEqualTo(Duration.ofHours(1));
            assertThat(CLOCK.workingTimeBetween(at("2026-11-24T10:00:15"), at("2026-11-24T10:00:45"), SECOND))
                    .isEqualTo(Duration.ofSeconds(30));
        }

        @Test
        void emptyOrBackwardsIsZero() {
            assertThat(CLOCK.workingTimeBetween(at("2026-11-24T10:00"), at("2026-11-24T10:00"), SECOND)).isZero();
            assertThat(CLOCK.workingTimeBetween(at("2026-11-24T12:00"), at("2026-11-24T10:00"), SECOND)).isZero();
        }

        @Test
        @DisplayName("plusWorkingHours of the working time between s and t gives back t when t is working time")
        void inverseExamples() {
            Instant start = at("2026-12-25T17:00");
            for (String t : new String[] {"2026-12-25T17:00", "2026-12-30T17:59", "2027-01-11T09:01", "2027-01-15T17:00"}) {
                Duration between = CLOCK.workingTimeBetween(start, at(t), SECOND);
                assertThat(CLOCK.plusWorkingHours(start, between, SECOND)).as(t).isEqualTo(at(t));
            }
            // The opening of a working day is the same point of working time as the previous close, and the clock
            // answers with the close (the documented choice).
            Duration toMondayMorning = CLOCK.workingTimeBetween(start, at("2026-12-28T09:00"), SECOND);
            assertThat(toMondayMorning).isEqualTo(Duration.ofHours(1));
            assertThat(CLOCK.plusWorkingHours(start, toMondayMorning, SECOND)).isEqualTo(at("2026-12-25T18:00"));
        }
    }

    @Test
    @DisplayName("efficient: decades of working hours are added day by day, not minute by minute")
    void largeAmounts() {
        Instant start = at("2024-01-01T00:00");
        Duration amount = Duration.ofHours(100_000); // about 44 years of second-line days
        long began = System.nanoTime();
        Instant end = CLOCK.plusWorkingHours(start, amount, SECOND);
        Duration back = CLOCK.workingTimeBetween(start, end, SECOND);
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertThat(back).isEqualTo(amount);
        // 2024–2027 from the calendar, then Mon–Fri (about 260 days a year): late 2066.
        assertThat(end).isAfter(at("2066-01-01T00:00")).isBefore(at("2067-01-01T00:00"));
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void invalidArguments() {
        assertThatThrownBy(() -> CLOCK.plusWorkingHours(at("2026-11-24T10:00"), Duration.ofMinutes(-1), SECOND))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> CLOCK.plusWorkingHours(null, Duration.ZERO, SECOND)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CLOCK.plusWorkingHours(at("2026-11-24T10:00"), null, SECOND))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CLOCK.nextWorkingMinute(at("2026-11-24T10:00"), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SlaClock(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("custom hours are honoured to the minute")
    void customHours() {
        WorkingHours hours = WorkingHours.of(LocalTime.of(8, 30), LocalTime.of(17, 15)); // 8 h 45 min a day
        assertThat(CLOCK.plusWorkingHours(at("2026-11-24T17:00"), Duration.ofMinutes(30), hours))
                .isEqualTo(at("2026-11-25T08:45"));
        assertThat(CLOCK.workingTimeBetween(at("2026-11-23T00:00"), at("2026-11-28T00:00"), hours))
                .isEqualTo(Duration.ofMinutes(5 * 525));
    }
}
