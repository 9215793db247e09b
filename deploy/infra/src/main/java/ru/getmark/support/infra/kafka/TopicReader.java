package ru.getmark.support.infra.kafka;

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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * For the services' tests: reads a real topic from its beginning up to the end offsets of the moment of the call,
 * without joining a consumer group, so a test sees what is really on the topic (every record Kafka acknowledged
 * before the call) and no other consumer's offsets move. Gives up after 20 s and returns what it read by then.
 * <p>
 * The adapters' topics come parsed and checked: every intake message or rejection a test asks for is validated
 * against its contract's JSON Schema (common's {@link ContractSchemas}, which needs
 * {@code com.networknt:json-schema-validator} on the test classpath) and its record key against the contract
 * (getmark.intake.v1: {@link IntakeMessage#key()}; getmark.intake-rejected.v1: the sender id); a violation is an
 * {@link AssertionError}.
 */
public final class TopicReader {

    private static final Duration READ_LIMIT = Duration.ofSeconds(20);

    private TopicReader() {
    }

    /** A record of getmark.intake.v1 with its key. */
    public record Intake(String key, IntakeMessage message) {
    }

    /** A record of getmark.intake-rejected.v1 with its key. */
    public record Rejected(String key, RejectedIntake rejection) {
    }

    /** Every record of the topic, oldest first per partition. */
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
            long deadline = System.nanoTime() + READ_LIMIT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** A header's value as text (e.g. the dead-letter queue's {@code dead-letter-reason}); null when absent. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The intake messages {@code wanted} picks, each checked against intake-message.v1.schema.json and its key. */
    public static List<Intake> intake(String bootstrapServers, Predicate<IntakeMessage> wanted) {
        List<Intake> found = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readAll(bootstrapServers, Topics.INTAKE)) {
            IntakeMessage message = Json.fromBytes(record.value(), IntakeMessage.class);
            if (wanted.test(message)) {
                check(ContractSchemas.INTAKE_MESSAGE, record, message.key(), "intake message " + message.messageId());
                found.add(new Intake(record.key(), message));
            }
        }
        return found;
    }

    /** The rejections {@code wanted} picks, each checked against intake-rejected.v1.schema.json and its key. */
    public static List<Rejected> rejected(String bootstrapServers, Predicate<RejectedIntake> wanted) {
        List<Rejected> found = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readAll(bootstrapServers, Topics.INTAKE_REJECTED)) {
            RejectedIntake rejection = Json.fromBytes(record.value(), RejectedIntake.class);
            if (wanted.test(rejection)) {
                check(ContractSchemas.INTAKE_REJECTED, record, rejection.senderId(),
                        "rejected intake " + rejection.messageId());
                found.add(new Rejected(record.key(), rejection));
            }
        }
        return found;
    }

    /** Every intake message with this messageId. */
    public static List<Intake> intake(String bootstrapServers, String messageId) {
        return intake(bootstrapServers, m -> messageId.equals(m.messageId()));
    }

    /** Every rejection with this messageId. */
    public static List<Rejected> rejected(String bootstrapServers, String messageId) {
        return rejected(bootstrapServers, r -> messageId.equals(r.messageId()));
    }

    /** Every intake message on the topic, by messageId. */
    public static Map<String, List<Intake>> intakeByMessageId(String bootstrapServers) {
        Map<String, List<Intake>> index = new HashMap<>();
        intake(bootstrapServers, m -> true).forEach(i ->
                index.computeIfAbsent(i.message().messageId(), k -> new ArrayList<>()).add(i));
        return index;
    }

    /** Every rejection on the topic, by messageId. */
    public static Map<String, List<Rejected>> rejectedByMessageId(String bootstrapServers) {
        Map<String, List<Rejected>> index = new HashMap<>();
        rejected(bootstrapServers, r -> true).forEach(r ->
                index.computeIfAbsent(r.rejection().messageId(), k -> new ArrayList<>()).add(r));
        return index;
    }

    /** The intake messages of one Telegram chat (customer.telegramChatId). */
    public static List<IntakeMessage> intakeOfTelegramChat(String bootstrapServers, long chatId) {
        return intake(bootstrapServers, m -> m.customer() != null
                && Objects.equals(chatId, m.customer().telegramChatId())).stream().map(Intake::message).toList();
    }

    /** The intake messages of one WhatsApp number (customer.whatsappId, the WaId). */
    public static List<IntakeMessage> intakeOfWhatsApp(String bootstrapServers, String waId) {
        return intake(bootstrapServers, m -> m.customer() != null && waId.equals(m.customer().whatsappId()))
                .stream().map(Intake::message).toList();
    }

    /** The rejections of one sender ("telegram:&lt;chat id&gt;", "whatsapp:&lt;WaId&gt;", an address ...). */
    public static List<RejectedIntake> rejectedOf(String bootstrapServers, String senderId) {
        return rejected(bootstrapServers, r -> senderId.equals(r.senderId())).stream()
                .map(Rejected::rejection).toList();
    }

    private static void check(String schema, ConsumerRecord<String, byte[]> record, String key, String what) {
        List<String> violations = ContractSchemas.violations(schema, record.value());
        if (!violations.isEmpty()) {
            throw new AssertionError(what + " violates " + schema + ": " + violations);
        }
        if (!Objects.equals(key, record.key())) {
            throw new AssertionError(what + " has the record key " + record.key() + ", expected " + key);
        }
    }
}
