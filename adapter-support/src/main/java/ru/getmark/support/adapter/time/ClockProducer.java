package ru.getmark.support.adapter.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The adapters' clock (UTC): receipt times, flood windows, leases, retries, the claim check's timestamps. Injected
 * rather than read from the system so that a test can pin it ({@code @Alternative @Priority} producer) instead of
 * waiting; a default bean, so any Clock the adapter declares wins.
 */
@Singleton
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
