package ru.getmark.support.telegram.support;

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

/** Reads getmark.intake.v1 from the beginning to its current end, without a group: what is really on the topic. */
public final class TopicReader {

    private TopicReader() {
    }

    /** Every intake message of this chat (customer.telegramChatId), each checked against its JSON Schema. */
    public static List<IntakeMessage> intakeOfChat(String bootstrapServers, long chatId) {
        List<IntakeMessage> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INTAKE).stream()
                    .map(p -> new TopicPartition(Topics.INTAKE, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    IntakeMessage message = Json.fromBytes(record.value(), IntakeMessage.class);
                    if (message.customer() != null && Long.valueOf(chatId).equals(message.customer().telegramChatId())) {
                        assertThat(ContractSchemas.violations(ContractSchemas.INTAKE_MESSAGE, record.value()))
                                .as("intake message %s against its JSON Schema", message.messageId()).isEmpty();
                        assertThat(record.key()).isEqualTo(message.key());
                        found.add(message);
                    }
                }
            }
        }
        return found;
    }

    /** Every refused message of this sender ("telegram:<chat id>") on getmark.intake-rejected.v1, key checked. */
    public static List<RejectedIntake> rejectedOf(String bootstrapServers, String senderId) {
        List<RejectedIntake> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INTAKE_REJECTED).stream()
                    .map(p -> new TopicPartition(Topics.INTAKE_REJECTED, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    RejectedIntake rejected = Json.fromBytes(record.value(), RejectedIntake.class);
                    if (senderId.equals(rejected.senderId())) {
                        assertThat(ContractSchemas.violations(ContractSchemas.INTAKE_REJECTED, record.value()))
                                .as("rejected intake %s against its JSON Schema", rejected.messageId()).isEmpty();
                        assertThat(record.key()).isEqualTo(senderId);
                        found.add(rejected);
                    }
                }
            }
        }
        return found;
    }
}
