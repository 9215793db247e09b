package ru.getmark.support.ticket.domain.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WorkingHoursTest {

    @Test
    @DisplayName("R9: first line 09:00–21:00, second (and third) line 09:00–18:00, no pre-holiday shortening")
    void regulationSchedules() {
        assertThat(WorkingHours.FIRST_LINE.start()).isEqualTo(LocalTime.of(9, 0));
        assertThat(WorkingHours.FIRST_LINE.end()).isEqualTo(LocalTime.of(21, 0));
        assertThat(WorkingHours.FIRST_LINE.length()).isEqualTo(Duration.ofHours(12));
        assertThat(WorkingHours.SECOND_LINE.start()).isEqualTo(LocalTime.of(9, 0));
        assertThat(WorkingHours.SECOND_LINE.end()).isEqualTo(LocalTime.of(18, 0));
        assertThat(WorkingHours.SECOND_LINE.length()).isEqualTo(Duration.ofHours(9));
        assertThat(WorkingHours.FIRST_LINE.preHolidayShortening()).isZero();
        assertThat(WorkingHours.SECOND_LINE.preHolidayShortening()).isZero();
        assertThat(WorkingHours.SECOND_LINE.endOn(true)).isEqualTo(LocalTime.of(18, 0));
    }

    @Test
    void shorteningIsAnOption() {
        WorkingHours shortened = WorkingHours.SECOND_LINE.withPreHolidayShortening(Duration.ofHours(1));
        assertThat(shortened.endOn(true)).isEqualTo(LocalTime.of(17, 0));
        assertThat(shortened.endOn(false)).isEqualTo(LocalTime.of(18, 0));
        assertThat(shortened.toString()).isEqualTo("09:00–18:00 (pre-holiday −PT1H)");
        assertThat(WorkingHours.of(LocalTime.of(10, 0), LocalTime.of(19, 30)).length()).isEqualTo(Duration.ofMinutes(570));
    }

    @Test
    void invalidSchedulesAreRefused() {
        assertThatThrownBy(() -> WorkingHours.of(LocalTime.of(18, 0), LocalTime.of(9, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must end after they start");
        assertThatThrownBy(() -> WorkingHours.of(LocalTime.of(9, 0), LocalTime.of(9, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkingHours.SECOND_LINE.withPreHolidayShortening(Duration.ofHours(9)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaves no working time");
        assertThatThrownBy(() -> WorkingHours.SECOND_LINE.withPreHolidayShortening(Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> WorkingHours.of(null, LocalTime.NOON)).isInstanceOf(NullPointerException.class);
    }
}
