package ru.getmark.support.ticket.domain.lifecycle;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** R16, §5.15: more than four tickets within one day, a sliding 24-hour window over their registrations. */
class MassProblemRuleTest {

    private static final Instant T0 = Instant.parse("2026-12-07T07:00:00Z");

    private static List<Instant> at(long... minutes) {
        List<Instant> list = new ArrayList<>();
        for (long m : minutes) {
            list.add(T0.plus(Duration.ofMinutes(m)));
        }
        return list;
    }

    @Test
    @DisplayName("R16: four tickets within a day are not a mass problem, five are")
    void fiveNotFour() {
        assertThat(MassProblemRule.reached(at(0, 1, 2, 3))).isFalse();
        assertThat(MassProblemRule.reached(at(0, 1, 2, 3, 4))).isTrue();
        assertThat(MassProblemRule.reached(List.of())).isFalse();
    }

    @Test
    @DisplayName("R16: the window is half-open — the fifth exactly 24 h after the first is outside, a minute "
            + "earlier inside")
    void windowEdge() {
        long day = 24 * 60;
        assertThat(MassProblemRule.reached(at(0, 60, 120, 180, day))).isFalse();
        assertThat(MassProblemRule.reached(at(0, 60, 120, 180, day - 1))).isTrue();
    }

    @Test
    @DisplayName("R16: the window slides — a burst across midnight counts, order does not matter, old tickets don't")
    void slidingWindow() {
        long day = 24 * 60;
        // 22:00–02:00: a calendar day would split it 3 + 3
        assertThat(MassProblemRule.reached(at(0, 60, 120, 180, 240, 300))).isTrue();
        // a root registered a week earlier and four new ones: four within a day
        assertThat(MassProblemRule.reached(at(-7 * day, 0, 10, 20, 30))).isFalse();
        assertThat(MassProblemRule.reached(at(30, -7 * day, 20, 0, 10, 40))).isTrue();
        // spread out: never five within 24 h
        assertThat(MassProblemRule.reached(at(0, 400, 800, 1200, 1440, 1840, 2240))).isFalse();
    }
}
