package ru.getmark.support.phone.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the phone adapter. How long a call waits for Kafka is adapter-support's
 * {@code getmark.intake.publish-timeout} / {@code getmark.intake.rejected-publish-timeout}.
 */
@ConfigMapping(prefix = "getmark.phone")
public interface PhoneIntakeConfig {

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
