package ru.getmark.support.notifier.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private final Backoff production = new Backoff(Duration.ofSeconds(5), 2.0, Duration.ofMinutes(10), 10);

    @Test
    @DisplayName("R20: the wait doubles from the initial delay and stops at the maximum")
    void exponentialUpToTheMaximum() {
        assertThat(production.delayAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(production.delayAfter(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(production.delayAfter(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(production.delayAfter(7)).isEqualTo(Duration.ofSeconds(320));
        assertThat(production.delayAfter(8)).isEqualTo(Duration.ofMinutes(10));
        assertThat(production.delayAfter(9)).isEqualTo(Duration.ofMinutes(10));
        assertThat(production.delayAfter(10_000)).isEqualTo(Duration.ofMinutes(10));
        assertThat(production.delayAfter(0)).isEqualTo(Duration.ZERO);
    }

    @Test
    @DisplayName("R20: parked after the configured number of failed attempts, not before")
    void exhaustedAtTheLimit() {
        assertThat(production.exhausted(9)).isFalse();
        assertThat(production.exhausted(10)).isTrue();
        assertThat(production.exhausted(11)).isTrue();
        assertThat(new Backoff(Duration.ZERO, 1.0, Duration.ZERO, 1).exhausted(1)).isTrue();
    }

    @Test
    void aConstantBackoffWithMultiplierOne() {
        Backoff constant = new Backoff(Duration.ofSeconds(3), 1.0, Duration.ofSeconds(30), 5);
        assertThat(constant.delayAfter(1)).isEqualTo(Duration.ofSeconds(3));
        assertThat(constant.delayAfter(4)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void nonsenseIsRefusedAtStartup() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), 0.5, Duration.ofMinutes(1), 3))
                .hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new Backoff(Duration.ofMinutes(5), 2, Duration.ofMinutes(1), 3))
                .hasMessageContaining("initial <= max");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), 2, Duration.ofMinutes(1), 0))
                .hasMessageContaining("max attempts");
    }
}
