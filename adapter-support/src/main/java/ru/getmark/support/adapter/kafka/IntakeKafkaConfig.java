package ru.getmark.support.adapter.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long an adapter waits for Kafka ({@code getmark.intake.*}). */
@ConfigMapping(prefix = "getmark.intake")
public interface IntakeKafkaConfig {

    /**
     * How long a publish to {@code getmark.intake.v1} waits for the broker's acknowledgement before the channel is
     * told to retry. Must stay above the producer's {@code max.block.ms} + {@code delivery.timeout.ms}, so that a
     * record Kafka still might write is not reported as failed ({@link IntakeDeliveryCheck} refuses to start
     * otherwise).
     */
    @WithDefault("10s")
    Duration publishTimeout();

    /** The same for {@code getmark.intake-rejected.v1} (intake-phone answers the operator sooner, 5 s). */
    @WithDefault("10s")
    Duration rejectedPublishTimeout();

    /**
     * Whether a refusal may outlive its await: intake-phone answers a refused call within
     * {@link #rejectedPublishTimeout()} whether or not the copy is kept, and the producer goes on trying in the
     * background (its {@code delivery.timeout.ms} is longer). Elsewhere the channel delivers a message again when the
     * await gave up, so the producer must have given up first ({@link IntakeDeliveryCheck}).
     */
    @WithDefault("false")
    boolean rejectedInBackground();
}
