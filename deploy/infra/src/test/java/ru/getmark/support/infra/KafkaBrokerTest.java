package ru.getmark.support.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.event.ReplyAddress;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.infra.kafka.TopicReader;
import ru.getmark.support.infra.kafka.TopicWriter;

class KafkaBrokerTest {

    @TempDir
    static Path dir;
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(dir.resolve("kafka"), 0, 0);
        TopicSetup.createAll(broker.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @DisplayName("every topic of the catalog exists with its documented partitions, retention and min ISR")
    void topicsExistAsDocumented() throws Exception {
        try (Admin admin = Admin.create(KafkaBroker.adminConfig(broker.bootstrapServers()))) {
            List<String> names = TopicCatalog.all().stream().map(TopicCatalog.TopicSpec::name).toList();
            assertThat(names).contains(Topics.INTAKE, Topics.INTAKE_REJECTED, Topics.TICKET_EVENTS,
                    Topics.CHANNEL_OUTBOUND, "getmark.intake.v1.dlq", "getmark.ticket-events.v1.dlq",
                    "getmark.channel-outbound.v1.dlq");
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get();
            List<ConfigResource> resources = names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
            for (TopicCatalog.TopicSpec spec : TopicCatalog.all()) {
                assertThat(topics.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
                assertThat(config.get("retention.ms").value()).as(spec.name())
                        .isEqualTo(Long.toString(spec.retention().toMillis()));
                assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
            }
            assertThat(TopicCatalog.of(Topics.INTAKE).partitions()).isEqualTo(6);
            assertThat(TopicCatalog.of(Topics.INTAKE).retention()).isEqualTo(Duration.ofDays(7));
        }
    }

    @Test
    @DisplayName("creating the topics again is harmless and creates nothing")
    void topicSetupIsIdempotent() {
        assertThat(TopicSetup.createAll(broker.bootstrapServers())).isEmpty();
    }

    @Test
    @DisplayName("a message produced with acks=all is consumed back, key and value intact")
    void produceAndConsume() throws Exception {
        String key = "7707083893";
        String value = "{\"schema\":\"test\",\"id\":\"" + UUID.randomUUID() + "\"}";
        // a dead-letter topic, which takes any bytes: the contract topics stay valid for the TopicReader tests below
        String topic = Topics.dlq(Topics.INTAKE);
        RecordMetadata sent;
        try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
            sent = producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
        assertThat(sent.offset()).isGreaterThanOrEqualTo(0);

        List<ConsumerRecord<String, String>> received = consumeAll(broker.bootstrapServers(), topic, value);
        assertThat(received).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo(key);
            assertThat(r.value()).isEqualTo(value);
            assertThat(r.partition()).isEqualTo(sent.partition());
        });
    }

    @Test
    @DisplayName("auto topic creation is off: producing to an unknown topic fails and creates nothing")
    void noAutoCreation() throws Exception {
        String unknown = "getmark.no-such-topic.v1";
        Properties props = producerProps(broker.bootstrapServers());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1500");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(unknown, "k", "v")).get(10, TimeUnit.SECONDS))
                    .hasStackTraceContaining("not present in metadata");
        }
        // a consumer asking for it (clients may request auto-creation) does not create it either
        Properties consumerProps = consumerProps(broker.bootstrapServers());
        consumerProps.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "true");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps)) {
            consumer.subscribe(List.of(unknown));
            consumer.poll(Duration.ofSeconds(1));
        }
        try (Admin admin = Admin.create(KafkaBroker.adminConfig(broker.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).doesNotContain(unknown);
        }
    }

    @Test
    @DisplayName("a broker restarted on the same directory and ports keeps its cluster id, topics and committed messages")
    void restartKeepsData(@TempDir Path own) throws Exception {
        Path data = own.resolve("kafka");
        String value = "survives-" + UUID.randomUUID();
        KafkaBroker first = KafkaBroker.start(data, 0, 0);
        String clusterId;
        int port;
        int controllerPort;
        try {
            TopicSetup.createAll(first.bootstrapServers());
            try (KafkaProducer<String, String> producer = producer(first.bootstrapServers())) {
                producer.send(new ProducerRecord<>(Topics.TICKET_EVENTS, "GM-1", value)).get(30, TimeUnit.SECONDS);
            }
            clusterId = clusterId(data);
            port = first.port();
            controllerPort = first.controllerPort();
        } finally {
            first.close();
        }

        try (KafkaBroker second = KafkaBroker.start(data, port, controllerPort)) {
            assertThat(clusterId(data)).as("storage must not be formatted again").isEqualTo(clusterId);
            assertThat(TopicSetup.createAll(second.bootstrapServers())).isEmpty();
            assertThat(consumeAll(second.bootstrapServers(), Topics.TICKET_EVENTS, value))
                    .extracting(ConsumerRecord::value).contains(value);
        }
    }

    // The services' test fixtures for topics (kafka.TopicWriter / kafka.TopicReader) on this broker.

    static final String INN = "7707083893";

    static IntakeMessage request(String messageId, Long telegramChatId, String waId) {
        return IntakeMessage.newRequest(messageId, Channel.TELEGRAM, Instant.parse("2026-03-02T09:15:00Z"), INN,
                new CustomerContact("Пётр", "petr@example.ru", null, telegramChatId, waId), null, null, null,
                "Не уходят чеки в ОФД", null, List.of(), new ReplyAddress(Channel.TELEGRAM, "42"));
    }

    @Test
    @DisplayName("a contract record written is read back by id, by customer and by sender, checked against its schema")
    void writtenRecordsAreReadBack() {
        String bs = broker.bootstrapServers();
        String id = "test:" + UUID.randomUUID();
        IntakeMessage message = request(id, 42L, "79161234567");
        TopicWriter.send(bs, Topics.INTAKE, message.key(), message);
        RejectedIntake rejection = new RejectedIntake(RejectedIntake.SCHEMA, id + "-r", Channel.TELEGRAM,
                "telegram:42", Instant.parse("2026-03-02T09:16:00Z"), RejectedIntake.Reason.FLOOD, "слишком часто",
                "");
        TopicWriter.send(bs, Topics.INTAKE_REJECTED, rejection.senderId(), rejection);

        assertThat(TopicReader.intake(bs, id)).singleElement()
                .isEqualTo(new TopicReader.Intake(INN, message));
        assertThat(TopicReader.intakeOfTelegramChat(bs, 42L)).contains(message);
        assertThat(TopicReader.intakeOfTelegramChat(bs, 43L)).doesNotContain(message);
        assertThat(TopicReader.intakeOfWhatsApp(bs, "79161234567")).contains(message);
        assertThat(TopicReader.rejected(bs, id + "-r")).singleElement()
                .isEqualTo(new TopicReader.Rejected("telegram:42", rejection));
        assertThat(TopicReader.rejectedOf(bs, "telegram:42")).contains(rejection);
        assertThat(TopicReader.readAll(bs, Topics.INTAKE)).anySatisfy(r -> assertThat(r.key()).isEqualTo(INN));
    }

    @Test
    @DisplayName("a record under the wrong key is an assertion failure, not a pass")
    void aWrongKeyFails() {
        String bs = broker.bootstrapServers();
        String id = "test:" + UUID.randomUUID();
        IntakeMessage message = request(id, 7L, null);
        TopicWriter.send(bs, Topics.INTAKE, "not-the-inn", message);

        assertThatThrownBy(() -> TopicReader.intake(bs, id)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("not-the-inn");
    }

    @Test
    @DisplayName("headers are read as text; an absent one is null")
    void headersAreText() throws Exception {
        String bs = broker.bootstrapServers();
        String key = "dlq-" + UUID.randomUUID();
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.dlq(Topics.TICKET_EVENTS), key, "{}");
        record.headers().add(new RecordHeader("dead-letter-reason", "плохо".getBytes(StandardCharsets.UTF_8)));
        try (KafkaProducer<String, String> producer = producer(bs)) {
            producer.send(record).get(20, TimeUnit.SECONDS);
        }

        assertThat(TopicReader.readAll(bs, Topics.dlq(Topics.TICKET_EVENTS)))
                .filteredOn(r -> key.equals(r.key())).singleElement().satisfies(r -> {
                    assertThat(TopicReader.header(r, "dead-letter-reason")).isEqualTo("плохо");
                    assertThat(TopicReader.header(r, "no-such-header")).isNull();
                });
    }

    private static String clusterId(Path data) throws Exception {
        return Files.readAllLines(data.resolve("log").resolve("meta.properties")).stream()
                .filter(l -> l.startsWith("cluster.id=")).findFirst().orElseThrow();
    }

    static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(producerProps(bootstrap));
    }

    static Properties producerProps(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return props;
    }

    static Properties consumerProps(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "infra-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return props;
    }

    /** Consumes the topic from the beginning until a record with the expected value shows up. */
    static List<ConsumerRecord<String, String>> consumeAll(String bootstrap, String topic, String expectedValue) {
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(bootstrap))) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
                return received.stream().anyMatch(r -> expectedValue.equals(r.value()));
            });
        }
        return received;
    }
}
