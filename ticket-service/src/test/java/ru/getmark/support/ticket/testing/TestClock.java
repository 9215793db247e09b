package ru.getmark.support.ticket.testing;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's clock in tests: system time unless a test fixes it, so SLA deadlines are asserted for a chosen
 * registration time instead of by waiting. Being a {@link Clock} bean, it replaces the application's default one.
 * Tests that fix it reset it afterwards.
 */
@Singleton
public class TestClock extends Clock {

    private volatile Instant fixed;

    public void fix(Instant instant) {
        fixed = instant;
    }

    public void reset() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }
}
