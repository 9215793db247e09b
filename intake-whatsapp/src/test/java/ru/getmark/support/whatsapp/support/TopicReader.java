package ru.getmark.support.whatsapp.support;

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
import java.util.function.Function;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads a topic from the beginning to its current end, without a group: what is really on it. */
public final class TopicReader {

    private TopicReader() {
    }

    /** Every intake message of this WhatsApp number (customer.whatsappId), each checked against its JSON Schema. */
    public static List<IntakeMessage> intakeOf(String bootstrapServers, String waId) {
        return read(bootstrapServers, Topics.INTAKE, bytes -> Json.fromBytes(bytes, IntakeMessage.class),
                m -> m.customer() != null && waId.equals(m.customer().whatsappId()), (record, m) -> {
                    assertThat(ContractSchemas.violations(ContractSchemas.INTAKE_MESSAGE, record.value()))
                            .as("intake message %s against its JSON Schema", m.messageId()).isEmpty();
                    assertThat(record.key()).isEqualTo(m.key());
                });
    }

    /** Every refused message of this sender ("whatsapp:<WaId>") on getmark.intake-rejected.v1, key checked. */
    public static List<RejectedIntake> rejectedOf(String bootstrapServers, String senderId) {
        return read(bootstrapServers, Topics.INTAKE_REJECTED, bytes -> Json.fromBytes(bytes, RejectedIntake.class),
                r -> senderId.equals(r.senderId()), (record, r) -> {
                    assertThat(ContractSchemas.violations(ContractSchemas.INTAKE_REJECTED, record.value()))
                            .as("rejected intake %s against its JSON Schema", r.messageId()).isEmpty();
                    assertThat(record.key()).isEqualTo(senderId);
                });
    }

    private interface Check<T> {
        void check(ConsumerRecord<String, byte[]> record, T value);
    }

    private static <T> List<T> read(String bootstrapServers, String topic, Function<byte[], T> parse,
                                    Predicate<T> wanted, Check<T> check) {
        List<T> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    T value = parse.apply(record.value());
                    if (wanted.test(value)) {
                        check.check(record, value);
                        found.add(value);
                    }
                }
            }
        }
        return found;
    }
}
