package ru.getmark.support.common;

import org.junit.jupiter.api.Test;
import ru.getmark.support.common.time.MoscowTime;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** R2: times in notices are Moscow time, дд.мм.гггг чч:мм (Мск). */
class MoscowTimeTest {

    @Test
    void formatsInMoscowTimeWhateverTheMachineZone() {
        assertThat(MoscowTime.format(Instant.parse("2026-12-25T14:00:00Z"))).isEqualTo("25.12.2026 17:00 (Мск)");
        // 21:30 UTC on New Year's Eve is already the next year in Moscow (UTC+3, no DST)
        assertThat(MoscowTime.format(Instant.parse("2026-12-31T21:30:00Z"))).isEqualTo("01.01.2027 00:30 (Мск)");
        assertThat(MoscowTime.format(Instant.parse("2026-07-01T05:07:59Z"))).isEqualTo("01.07.2026 08:07 (Мск)");
    }

    @Test
    void formatsDatesForDeadlineChanges() {
        assertThat(MoscowTime.formatDate(Instant.parse("2027-01-11T20:59:00Z"))).isEqualTo("11.01.2027");
        assertThat(MoscowTime.formatDate(Instant.parse("2027-01-11T21:00:00Z"))).isEqualTo("12.01.2027");
    }
}
