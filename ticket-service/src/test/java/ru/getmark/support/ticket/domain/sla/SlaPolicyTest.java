package ru.getmark.support.ticket.domain.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.getmark.support.ticket.domain.sla.Msk.at;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import ru.getmark.support.common.event.Deadlines;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.ticket.domain.sla.SlaTargets.Target;

class SlaPolicyTest {

    private static final SlaClock CLOCK = new SlaClock(ProductionCalendar.loadDefault());
    private static final SlaPolicy POLICY = new SlaPolicy(CLOCK);

    private static Deadlines deadlines(String resolution, String firstLine, String secondLine) {
        return new Deadlines(at(resolution), at(firstLine), at(secondLine));
    }

    @Test
    @DisplayName("R9: the regulation's targets — Высокий 12/4/8, Средний 72/24/48, Низкий 120/48/72, Критический none")
    void regulationTargets() {
        assertThat(SlaTargets.REGULATION.byPriority()).containsOnly(
                Map.entry(Priority.HIGH, Target.hours(12, 4, 8)),
                Map.entry(Priority.MEDIUM, Target.hours(72, 24, 48)),
                Map.entry(Priority.LOW, Target.hours(120, 48, 72)));
        assertThat(POLICY.hasTarget(Priority.CRITICAL)).isFalse();
        assertThat(POLICY.hasTarget(Priority.HIGH)).isTrue();
        assertThat(POLICY.firstLineHours()).isEqualTo(WorkingHours.FIRST_LINE);
        assertThat(POLICY.secondLineHours()).isEqualTo(WorkingHours.SECOND_LINE);
    }

    /**
     * R9's example, all three deadlines, from Friday 2026-12-25 17:00 MSK:
     * <ul>
     *   <li>total 72 second-line hours → Fri 2027-01-15 17:00 (worked out in {@link SlaClockTest});</li>
     *   <li>first line 24 first-line hours: Fri 17:00–21:00 4 h, Mon 28 Dec 12 h (16), Tue 29 Dec 09:00–17:00
     *       8 h (24) → Tue 2026-12-29 17:00;</li>
     *   <li>second line 48 second-line hours: Fri 1 h, 28–30 Dec 27 h (28), 11–12 Jan 18 h (46), Wed 13 Jan
     *       09:00–11:00 2 h (48) → Wed 2027-01-13 11:00.</li>
     * </ul>
     */
    @Test
    @DisplayName("R9 example: Средний registered Fri 2026-12-25 17:00 MSK")
    void regulationExample() {
        assertThat(POLICY.deadlines(Priority.MEDIUM, at("2026-12-25T17:00")))
                .isEqualTo(deadlines("2027-01-15T17:00", "2026-12-29T17:00", "2027-01-13T11:00"));
    }

    /**
     * Tue 2026-11-24 10:00. Total 12 second-line hours: Tue 8 h, Wed 09:00–13:00. First line 4 first-line
     * hours: Tue 14:00. Second line 8 second-line hours: Tue 10:00–18:00, exactly the close.
     */
    @Test
    @DisplayName("R9: Высокий")
    void high() {
        assertThat(POLICY.deadlines(Priority.HIGH, at("2026-11-24T10:00")))
                .isEqualTo(deadlines("2026-11-25T13:00", "2026-11-24T14:00", "2026-11-24T18:00"));
    }

    /**
     * Tue 2026-11-24 10:00. Total 120 second-line hours: Tue 8, then 9 a day — 116 after Thu 10 Dec, Fri 11 Dec
     * 09:00–13:00. First line 48 first-line hours: Tue 11, Wed 23, Thu 35, Fri 47, Mon 30 Nov 09:00–10:00.
     * Second line 72 second-line hours: 71 after Thu 3 Dec, Fri 4 Dec 09:00–10:00.
     */
    @Test
    @DisplayName("R9: Низкий")
    void low() {
        assertThat(POLICY.deadlines(Priority.LOW, at("2026-11-24T10:00")))
                .isEqualTo(deadlines("2026-12-11T13:00", "2026-11-30T10:00", "2026-12-04T10:00"));
    }

    /**
     * Registered Saturday 2026-11-28 03:00: every clock starts Monday 30 Nov 09:00. Total 72 = eight full
     * second-line days, ending at the close of Wed 9 Dec; first line 24 = two full first-line days, ending at
     * 21:00 on Tue 1 Dec; second line 48 = 45 h to Fri 4 Dec, then Mon 7 Dec 09:00–12:00.
     */
    @Test
    @DisplayName("R9: registered outside working hours, the clocks start at the next working minute")
    void registeredAtNight() {
        assertThat(POLICY.deadlines(Priority.MEDIUM, at("2026-11-28T03:00")))
                .isEqualTo(deadlines("2026-12-09T18:00", "2026-12-01T21:00", "2026-12-07T12:00"));
    }

    @Test
    @DisplayName("R9: Критический has no hour target — no deadlines, whenever it is registered")
    void critical() {
        Deadlines none = POLICY.deadlines(Priority.CRITICAL, at("2026-11-24T10:00"));
        assertThat(none).isEqualTo(SlaPolicy.NO_DEADLINES);
        assertThat(none.resolution()).isNull();
        assertThat(none.firstLine()).isNull();
        assertThat(none.secondLine()).isNull();
        assertThat(POLICY.deadlines(Priority.CRITICAL, at("2026-12-31T03:00"))).isEqualTo(SlaPolicy.NO_DEADLINES);
    }

    @Nested
    @DisplayName("configuration")
    class Configuration {

        @Test
        @DisplayName("targets are configurable, Критический included")
        void customTargets() {
            SlaPolicy policy = new SlaPolicy(CLOCK, SlaTargets.REGULATION.with(Priority.CRITICAL, Target.hours(4, 1, 2)),
                    WorkingHours.FIRST_LINE, WorkingHours.SECOND_LINE);
            assertThat(policy.hasTarget(Priority.CRITICAL)).isTrue();
            assertThat(policy.deadlines(Priority.CRITICAL, at("2026-11-24T10:00")))
                    .isEqualTo(deadlines("2026-11-24T14:00", "2026-11-24T11:00", "2026-11-24T12:00"));
            assertThat(policy.deadlines(Priority.MEDIUM, at("2026-12-25T17:00")))
                    .isEqualTo(POLICY.deadlines(Priority.MEDIUM, at("2026-12-25T17:00")));
            assertThat(SlaTargets.REGULATION.of(Priority.CRITICAL)).isEmpty(); // the default is untouched
        }

        /**
         * Thursday 2026-04-30 is a pre-holiday day, then 1–3 May are off. HIGH from 10:00 — default: total
         * Thu 8 h + Mon 4 May 09:00–13:00; second line 8 h to 18:00. Shortened (closing at 17:00): total 7 h +
         * Mon 09:00–14:00; second line 7 h + Mon 09:00–10:00. First line: 4 h to 14:00 either way.
         */
        @Test
        @DisplayName("R9: pre-holiday shortening changes deadlines only when configured")
        void preHolidayShortening() {
            assertThat(POLICY.deadlines(Priority.HIGH, at("2026-04-30T10:00")))
                    .isEqualTo(deadlines("2026-05-04T13:00", "2026-04-30T14:00", "2026-04-30T18:00"));
            Duration hour = Duration.ofHours(1);
            SlaPolicy shortened = new SlaPolicy(CLOCK, SlaTargets.REGULATION,
                    WorkingHours.FIRST_LINE.withPreHolidayShortening(hour),
                    WorkingHours.SECOND_LINE.withPreHolidayShortening(hour));
            assertThat(shortened.deadlines(Priority.HIGH, at("2026-04-30T10:00")))
                    .isEqualTo(deadlines("2026-05-04T14:00", "2026-04-30T14:00", "2026-05-04T10:00"));
        }

        @Test
        void invalidTargets() {
            assertThatThrownBy(() -> Target.hours(0, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("total must be positive");
            assertThatThrownBy(() -> new Target(Duration.ofHours(1), Duration.ofHours(-1), Duration.ofHours(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("firstLine");
            assertThatThrownBy(() -> new Target(Duration.ofHours(1), Duration.ofHours(1), null))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new SlaPolicy(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> POLICY.deadlines(Priority.HIGH, null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    @DisplayName("R9 §5.19: the clock stops while the ticket waits")
    class Pause {

        private final Deadlines example = deadlines("2027-01-15T17:00", "2026-12-29T17:00", "2027-01-13T11:00");

        /**
         * The R9 example, paused Mon 2026-12-28 12:00 and resumed Tue 2027-01-12 12:00. Working time left at the
         * pause: total 68 h (6+9+9 in December, 4×9 on 11–14 Jan, 8 on the 15th) → from Jan 12 12:00: 6 h, then
         * 9 a day on 13, 14, 15, 18, 19, 20 Jan (62), and 8 on Thu 21 Jan → 17:00. First line 17 h (12:00–21:00,
         * 09:00–17:00) → 9 h on Jan 12, 8 h on Jan 13 → 17:00. Second line 44 h → 6 h Jan 12, 9 h each on 13, 14,
         * 15, 18 Jan (42), 2 h on Tue 19 Jan → 11:00.
         */
        @Test
        void resumeKeepsTheWorkingTimeLeft() {
            assertThat(POLICY.resume(example, at("2026-12-28T12:00"), at("2027-01-12T12:00")))
                    .isEqualTo(deadlines("2027-01-21T17:00", "2027-01-13T17:00", "2027-01-19T11:00"));
        }

        /**
         * Paused Mon 28 Dec 19:00 (second line closed, first line still working), resumed Tue 29 Dec 08:00: the
         * second-line clocks lost nothing; the first line lost 19:00–21:00, so its deadline moves from Tue 17:00
         * to Tue 19:00.
         */
        @Test
        void onlyTheLinesThatWereWorkingLoseTime() {
            assertThat(POLICY.resume(example, at("2026-12-28T19:00"), at("2026-12-29T08:00")))
                    .isEqualTo(deadlines("2027-01-15T17:00", "2026-12-29T19:00", "2027-01-13T11:00"));
        }

        @Test
        void aDeadlinePassedBeforeThePauseStaysPassed() {
            Deadlines resumed = POLICY.resume(example, at("2026-12-30T12:00"), at("2027-01-11T12:00"));
            assertThat(resumed.firstLine()).isEqualTo(at("2026-12-29T17:00"));
            // Left at the pause: total 6 + 36 + 8 = 50 h; from Mon 11 Jan 12:00: 6, 9×4 (42), Mon 18 Jan 09:00–17:00.
            assertThat(resumed.resolution()).isEqualTo(at("2027-01-18T17:00"));
        }

        @Test
        void noPauseNoChange() {
            assertThat(POLICY.resume(example, at("2026-12-28T12:00"), at("2026-12-28T12:00"))).isEqualTo(example);
            assertThat(POLICY.resume(SlaPolicy.NO_DEADLINES, at("2026-12-28T12:00"), at("2027-01-12T12:00")))
                    .isEqualTo(SlaPolicy.NO_DEADLINES);
        }

        @Test
        void resumedBeforePausedIsRefused() {
            assertThatThrownBy(() -> POLICY.resume(example, at("2026-12-28T12:00"), at("2026-12-28T11:59")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
