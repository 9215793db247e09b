package ru.getmark.support.infra;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;

import ru.getmark.support.common.event.Topics;

/**
 * Every Kafka topic of the product with its partition count and retention (ARCHITECTURE.md, "Topics").
 * <p>
 * The numbers are a choice, explained in {@code deploy/infra/README.md}: partitions bound how many replicas of a
 * consumer can work in parallel, and the key keeps one customer's (or one ticket's) messages in one partition, in
 * order; retention is how long a stopped consumer can be down and still catch up, or how long ops can look back.
 * The Kubernetes manifests (Strimzi {@code KafkaTopic}) must say the same.
 */
public final class TopicCatalog {

    /**
     * One topic.
     *
     * @param name       the topic name (a public contract, see {@link Topics})
     * @param partitions partition count
     * @param retention  how long Kafka keeps a message ({@code retention.ms})
     * @param key        what the message key is, which decides what stays in order
     */
    public record TopicSpec(String name, int partitions, Duration retention, String key) {

        public long retentionMs() {
            return retention.toMillis();
        }
    }

    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);

    private static final List<TopicSpec> ALL = List.of(
            new TopicSpec(Topics.INTAKE, 6, WEEK, "ИНН"),
            new TopicSpec(Topics.INTAKE_REJECTED, 3, MONTH, "channel sender id"),
            new TopicSpec(Topics.TICKET_EVENTS, 6, MONTH, "ticket number"),
            new TopicSpec(Topics.CHANNEL_OUTBOUND, 3, WEEK, "channel address"),
            new TopicSpec(Topics.dlq(Topics.INTAKE), 1, MONTH, "as the source topic"),
            new TopicSpec(Topics.dlq(Topics.TICKET_EVENTS), 1, MONTH, "as the source topic"),
            new TopicSpec(Topics.dlq(Topics.CHANNEL_OUTBOUND), 1, MONTH, "as the source topic"));

    private TopicCatalog() {
    }

    /** All topics, source topics first. */
    public static List<TopicSpec> all() {
        return ALL;
    }

    /** The spec of a topic by name. */
    public static TopicSpec of(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("Not a topic of the product: " + name));
    }
}
