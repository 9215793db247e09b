package ru.getmark.support.phone.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the phone adapter. */
@ConfigMapping(prefix = "getmark.phone")
public interface PhoneIntakeConfig {

    /**
     * How long a call waits for Kafka to acknowledge its {@code IntakeMessage} before the operator is told to retry
     * (503). Keep it above the producer's {@code delivery.timeout.ms}, so that a record Kafka still might write is
     * not reported as failed.
     */
    @WithDefault("10s")
    Duration publishTimeout();

    /** How long a rejected call waits for its copy on the rejected-intake topic; the 400 is answered either way. */
    @WithDefault("5s")
    Duration rejectedPublishTimeout();

    /** The {@code Retry-After} of a 503, in seconds. */
    @WithDefault("10")
    int retryAfterSeconds();

    /**
     * How many recently accepted idempotency keys this instance remembers to answer a retry at once and to spot the
     * same key reused for a different call (422). Per instance and lost on restart: it is a courtesy, the guarantee
     * of one ticket per key is ticket-service's dedup on the message id (R5).
     */
    @WithDefault("10000")
    int recentKeys();
}
