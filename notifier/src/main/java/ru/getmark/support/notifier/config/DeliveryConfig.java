package ru.getmark.support.notifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How the delivery worker sends what the consumer recorded, and how it retries. Defaults suit production: a mail
 * server that is down for half an hour loses nothing (5 s, 10 s, 20 s … up to 10 min between attempts, 10 attempts,
 * ≈ 30 min in all), then the notice is parked on the DLQ for operations.
 */
@ConfigMapping(prefix = "getmark.delivery")
public interface DeliveryConfig {

    /** Wait after the first failed attempt. */
    @WithDefault("5s")
    Duration initialBackoff();

    /** Each further failure multiplies the wait by this. */
    @WithDefault("2")
    double backoffMultiplier();

    /** Longest wait between two attempts. */
    @WithDefault("10m")
    Duration maxBackoff();

    /** Failed attempts before a delivery is parked (permanent failures park at once). */
    @WithDefault("10")
    int maxAttempts();

    /**
     * How often each worker looks for due deliveries without being woken: retries become due by time, and another
     * replica may have recorded something. New events wake the workers at once, so this bounds retry lateness only.
     */
    @WithDefault("1s")
    Duration sweepInterval();

    /**
     * Worker threads per replica; each sends one notice at a time and holds one database connection meanwhile, so
     * one slow mail server call holds one worker while the others go on.
     */
    @WithDefault("4")
    int workers();

    /**
     * Deliveries a worker sends in one transaction (one commit for all of them). Larger = fewer durable commits per
     * notice; but should the commit fail after the hand-over (the database or the replica went away), that many are
     * sent again (with the same Message-ID / noticeId). 1 = one transaction per notice.
     */
    @WithDefault("10")
    int batchSize();

    /** How long a chat notice or a parked event may wait for Kafka's acknowledgement before it counts as failed. */
    @WithDefault("30s")
    Duration publishTimeout();
}
