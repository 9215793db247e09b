package ru.getmark.support.notifier.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff of failed deliveries: the n-th failure waits {@code initial × multiplier^(n-1)}, never more than
 * {@code max}; after {@code maxAttempts} failed attempts the delivery is parked.
 *
 * @param initial     wait after the first failure
 * @param multiplier  growth per further failure (≥ 1)
 * @param max         longest wait
 * @param maxAttempts attempts before parking (≥ 1)
 */
public record Backoff(Duration initial, double multiplier, Duration max, int maxAttempts) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff: 0 <= initial <= max, got " + initial + ", " + max);
        }
        if (multiplier < 1.0 || Double.isNaN(multiplier)) {
            throw new IllegalArgumentException("backoff multiplier must be >= 1, got " + multiplier);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be >= 1, got " + maxAttempts);
        }
    }

    /** The wait after the given number of failed attempts (1 = after the first failure). */
    public Duration delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            return Duration.ZERO;
        }
        double millis = initial.toMillis() * Math.pow(multiplier, failedAttempts - 1);
        if (Double.isInfinite(millis) || millis >= max.toMillis()) {
            return max;
        }
        return Duration.ofMillis((long) millis);
    }

    /** Whether a delivery that has failed this many times is given up. */
    public boolean exhausted(int failedAttempts) {
        return failedAttempts >= maxAttempts;
    }
}
