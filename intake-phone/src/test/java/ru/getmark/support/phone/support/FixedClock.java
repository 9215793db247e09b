package ru.getmark.support.phone.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Pins the service's clock in every @QuarkusTest so that {@code receivedAt} can be asserted exactly. */
public class FixedClock {

    /** Monday 2 March 2026, 10:15:30 Moscow time. */
    public static final Instant NOW = Instant.parse("2026-03-02T07:15:30Z");

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }
}
