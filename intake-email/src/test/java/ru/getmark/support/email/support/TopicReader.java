package ru.getmark.support.email.support;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.common.schema.ContractSchemas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads a whole topic from the beginning to its current end, without joining a group: what is really on it. */
public final class TopicReader {

    private TopicReader() {
    }

    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** A record of getmark.intake.v1 with its key, checked against the contract's JSON Schema. */
    public record Intake(String key, IntakeMessage message) {
    }

    /** A record of getmark.intake-rejected.v1 with its key, checked against the contract's JSON Schema. */
    public record Rejected(String key, RejectedIntake rejection) {
    }

    /** Every intake message on the topic by messageId (each validated against intake-message.v1.schema.json). */
    public static Map<String, List<Intake>> intakeByMessageId(String bootstrapServers) {
        Map<String, List<Intake>> index = new java.util.HashMap<>();
        for (ConsumerRecord<String, byte[]> record : readAll(bootstrapServers, Topics.INTAKE)) {
            IntakeMessage message = Json.fromBytes(record.value(), IntakeMessage.class);
            assertThat(ContractSchemas.violations(ContractSchemas.INTAKE_MESSAGE, record.value()))
                    .as("intake message %s against its JSON Schema", message.messageId()).isEmpty();
            index.computeIfAbsent(message.messageId(), k -> new ArrayList<>()).add(new Intake(record.key(), message));
        }
        return index;
    }

    /** Every rejected record on the topic by messageId (each validated against intake-rejected.v1.schema.json). */
    public static Map<String, List<Rejected>> rejectedByMessageId(String bootstrapServers) {
        Map<String, List<Rejected>> index = new java.util.HashMap<>();
        for (ConsumerRecord<String, byte[]> record : readAll(bootstrapServers, Topics.INTAKE_REJECTED)) {
            RejectedIntake rejection = Json.fromBytes(record.value(), RejectedIntake.class);
            assertThat(ContractSchemas.violations(ContractSchemas.INTAKE_REJECTED, record.value()))
                    .as("rejected intake %s against its JSON Schema", rejection.messageId()).isEmpty();
            index.computeIfAbsent(rejection.messageId(), k -> new ArrayList<>())
                    .add(new Rejected(record.key(), rejection));
        }
        return index;
    }

    /** Every intake message with this messageId (each validated against intake-message.v1.schema.json). */
    public static List<Intake> intake(String bootstrapServers, String messageId) {
        List<Intake> found = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readAll(bootstrapServers, Topics.INTAKE)) {
            IntakeMessage message = Json.fromBytes(record.value(), IntakeMessage.class);
            if (messageId.equals(message.messageId())) {
                assertThat(ContractSchemas.violations(ContractSchemas.INTAKE_MESSAGE, record.value()))
                        .as("intake message %s against its JSON Schema", messageId).isEmpty();
                found.add(new Intake(record.key(), message));
            }
        }
        return found;
    }

    /** Every rejected record with this messageId (each validated against intake-rejected.v1.schema.json). */
    public static List<Rejected> rejected(String bootstrapServers, String messageId) {
        List<Rejected> found = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readAll(bootstrapServers, Topics.INTAKE_REJECTED)) {
            RejectedIntake rejection = Json.fromBytes(record.value(), RejectedIntake.class);
            if (messageId.equals(rejection.messageId())) {
                assertThat(ContractSchemas.violations(ContractSchemas.INTAKE_REJECTED, record.value()))
                        .as("rejected intake %s against its JSON Schema", messageId).isEmpty();
                found.add(new Rejected(record.key(), rejection));
            }
        }
        return found;
    }
}
