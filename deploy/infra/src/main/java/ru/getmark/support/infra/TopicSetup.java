package ru.getmark.support.infra;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of {@link TopicCatalog} explicitly with the Admin client (the broker never auto-creates one).
 * <p>
 * Idempotent: an existing topic is fine. Its retention is brought to the catalog's value; a partition count that
 * differs is only reported, because adding partitions moves keys to other partitions and would break the ordering
 * of a customer's messages that are still in flight — that is an operator's decision, not a start-up side effect.
 */
public final class TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

    private TopicSetup() {
    }

    /** Creates every topic with replication factor 1 (one broker: tests and the local stack). */
    public static List<String> createAll(String bootstrapServers) {
        return createAll(bootstrapServers, (short) 1);
    }

    /**
     * Creates every topic that does not exist yet.
     *
     * @return the names of the topics created by this call
     */
    public static List<String> createAll(String bootstrapServers, short replicationFactor) {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("Replication factor must be at least 1: " + replicationFactor);
        }
        try (Admin admin = Admin.create(KafkaBroker.adminConfig(bootstrapServers))) {
            return createAll(admin, replicationFactor);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating Kafka topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not create the Kafka topics on " + bootstrapServers + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private static List<String> createAll(Admin admin, short replicationFactor)
            throws InterruptedException, ExecutionException {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = TopicCatalog.all().stream()
                .filter(t -> !existing.contains(t.name()))
                .map(t -> new NewTopic(t.name(), t.partitions(), replicationFactor).configs(configs(t, replicationFactor)))
                .toList();

        List<String> created = new ArrayList<>();
        Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
        for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
            try {
                result.getValue().get();
                created.add(result.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e; // someone else creating it at the same moment is fine; anything else is not
                }
            }
        }
        reconcile(admin, existing);
        if (!created.isEmpty()) {
            LOG.info("Created Kafka topics {}", created);
        }
        return created;
    }

    private static Map<String, String> configs(TopicCatalog.TopicSpec topic, short replicationFactor) {
        return Map.of(
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retentionMs()),
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                // with three replicas an acknowledged write survives the loss of one broker; one broker: 1
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(Math.min(2, replicationFactor)));
    }

    /** Brings the retention of topics that existed before to the catalog's value and reports partition drift. */
    private static void reconcile(Admin admin, Collection<String> existing) throws InterruptedException, ExecutionException {
        List<TopicCatalog.TopicSpec> known = TopicCatalog.all().stream()
                .filter(t -> existing.contains(t.name())).toList();
        if (known.isEmpty()) {
            return;
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(
                known.stream().map(TopicCatalog.TopicSpec::name).toList()).allTopicNames().get();
        for (TopicCatalog.TopicSpec spec : known) {
            int actual = descriptions.get(spec.name()).partitions().size();
            if (actual != spec.partitions()) {
                LOG.warn("Kafka topic {} has {} partitions, the catalog says {}; left as it is", spec.name(), actual,
                        spec.partitions());
            }
        }
        Map<ConfigResource, Collection<AlterConfigOp>> retention = known.stream().collect(Collectors.toMap(
                t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name()),
                t -> List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(t.retentionMs())), AlterConfigOp.OpType.SET))));
        admin.incrementalAlterConfigs(retention).all().get();
    }
}
