package ru.getmark.support.adapter.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long an adapter waits for Kafka ({@code getmark.intake.*}). */
@ConfigMapping(prefix = "getmark.intake")
public interface IntakeKafkaConfig {

    /**
     * How long a publish to {@code getmark.intake.v1} waits for the broker's acknowledgement before the channel is
     * told to retry. Keep it above the producer's {@code delivery.timeout.ms}, so that a record Kafka still might
     * write is not reported as failed.
     */
    @WithDefault("10s")
    Duration publishTimeout();

    /** The same for {@code getmark.intake-rejected.v1} (intake-phone answers the operator sooner, 5 s). */
    @WithDefault("10s")
    Duration rejectedPublishTimeout();
}
