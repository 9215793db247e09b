package ru.getmark.support.email.service;

import java.time.Duration;

/**
 * Exponential backoff with a ceiling: the wait before attempt {@code n + 1} after {@code n} failures in a row is
 * {@code initial * 2^(n-1)}, at most {@code max}. Used to reconnect to the mail server and to retry auto-replies, so
 * that an outage is neither hammered nor waited out for long after it ends.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff must not be below the initial one");
        }
    }

    /** The wait after {@code failures} consecutive failures (1 = the first failure). */
    public Duration delay(int failures) {
        if (failures <= 1) {
            return initial;
        }
        int shift = Math.min(failures - 1, 30);
        long millis = initial.toMillis();
        long limit = max.toMillis();
        long delayed = millis > (limit >> shift) ? limit : millis << shift;
        return Duration.ofMillis(Math.min(delayed, limit));
    }
}
