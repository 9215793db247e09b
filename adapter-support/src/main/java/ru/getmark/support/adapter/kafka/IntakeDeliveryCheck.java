package ru.getmark.support.adapter.kafka;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refuses to start an adapter whose Kafka settings could write a record after {@link IntakePublisher} stopped waiting
 * for it.
 * <p>
 * When an await gives up, the adapter tells its channel to deliver the message again (ARCHITECTURE.md, delivery
 * guarantees): the mailbox message stays unflagged, the Telegram update is read again, Twilio or the operator retries.
 * The record must then be dead in the producer, or the message is written twice — the request once more on
 * {@code getmark.intake.v1}, the refusal twice on {@code getmark.intake-rejected.v1}. So, per channel:
 * <ul>
 *   <li>the connector's own resend loop is off ({@code retries=0}, see {@link IntakeProducerRetries});</li>
 *   <li>the await outlasts the producer's longest try: {@code max.block.ms} (send blocked on metadata or a full
 *       buffer) plus {@code delivery.timeout.ms} (counted from the return of {@code send}) stays below
 *       {@code getmark.intake.publish-timeout} (or {@code .rejected-publish-timeout}).</li>
 * </ul>
 * The one deliberate exception: intake-phone answers a refused call within its rejected timeout whether or not the
 * copy is kept, and lets the producer go on trying in the background ({@code getmark.intake.rejected-in-background});
 * there only the first rule applies.
 * <p>
 * Not covered: a record queued in the connector behind a send blocked on metadata reaches the producer later than it
 * was handed over, so its try can end after the await; this needs a topic whose metadata Kafka cannot give (a missing
 * topic or no broker at all), and each such send then fails within {@code max.block.ms} too.
 */
@ApplicationScoped
public class IntakeDeliveryCheck {

    static final String INTAKE = "intake";
    static final String REJECTED = "intake-rejected";

    /** Kafka's producer defaults. */
    private static final long DEFAULT_MAX_BLOCK_MS = 60_000;
    private static final long DEFAULT_DELIVERY_TIMEOUT_MS = 120_000;

    /** The settings of one outgoing channel that bound how long a record can live in the producer. */
    record ChannelSettings(String channel, long connectorRetries, long maxBlockMs, long deliveryTimeoutMs) {

        static ChannelSettings of(Config config, String channel) {
            String prefix = "mp.messaging.outgoing." + channel + ".";
            return new ChannelSettings(channel,
                    config.getOptionalValue(prefix + "retries", Long.class).orElse((long) Integer.MAX_VALUE),
                    setting(config, prefix, "max.block.ms").orElse(DEFAULT_MAX_BLOCK_MS),
                    setting(config, prefix, "delivery.timeout.ms").orElse(DEFAULT_DELIVERY_TIMEOUT_MS));
        }

        /** The channel's own value, else the {@code kafka.} default every channel inherits. */
        private static Optional<Long> setting(Config config, String prefix, String name) {
            return config.getOptionalValue(prefix + name, Long.class)
                    .or(() -> config.getOptionalValue("kafka." + name, Long.class));
        }

        Duration longestTry() {
            return Duration.ofMillis(maxBlockMs + deliveryTimeoutMs);
        }
    }

    void onStart(@Observes StartupEvent start, Config config, IntakeKafkaConfig intake) {
        List<String> problems = new ArrayList<>();
        ChannelSettings requests = ChannelSettings.of(config, INTAKE);
        ChannelSettings refusals = ChannelSettings.of(config, REJECTED);
        problems.addAll(problems(requests, intake.publishTimeout(), "getmark.intake.publish-timeout", true));
        problems.addAll(problems(refusals, intake.rejectedPublishTimeout(), "getmark.intake.rejected-publish-timeout",
                !intake.rejectedInBackground()));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Kafka settings could write an intake record twice: "
                    + String.join("; ", problems));
        }
        Log.debugf("Intake records die in the producer before the await gives up: %s %s < %s, %s %s < %s%s",
                INTAKE, requests.longestTry(), intake.publishTimeout(), REJECTED, refusals.longestTry(),
                intake.rejectedPublishTimeout(), intake.rejectedInBackground() ? " (not required: in background)" : "");
    }

    /**
     * What is wrong with one channel's settings, empty when nothing.
     *
     * @param awaited      how long {@link IntakePublisher} waits for the channel's records
     * @param awaitsTheEnd whether the await must outlast every try of the producer
     */
    static List<String> problems(ChannelSettings settings, Duration awaited, String awaitedName,
                                 boolean awaitsTheEnd) {
        List<String> problems = new ArrayList<>();
        String prefix = "mp.messaging.outgoing." + settings.channel() + ".";
        if (settings.connectorRetries() != 0) {
            problems.add(prefix + "retries is " + settings.connectorRetries()
                    + ", must be 0: the connector would send the record again after the await gave up");
        }
        if (awaitsTheEnd && settings.longestTry().compareTo(awaited) >= 0) {
            problems.add(prefix + "max.block.ms + delivery.timeout.ms (" + settings.maxBlockMs() + " + "
                    + settings.deliveryTimeoutMs() + " ms) must stay below " + awaitedName + " (" + awaited
                    + "): the producer could still write the record after the await gave up");
        }
        return problems;
    }
}
