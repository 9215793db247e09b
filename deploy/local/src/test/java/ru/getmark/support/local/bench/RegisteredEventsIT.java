package ru.getmark.support.local.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.Deadlines;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventData;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketSnapshot;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.infra.KafkaBroker;
import ru.getmark.support.infra.TopicSetup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The benchmark's watcher of registered events against a real broker: it counts by the {@code event-type} header
 * while the clock runs (a record without the header is parsed), and its snapshot finds a request registered twice,
 * one never registered and a registered event of somebody else by re-reading the topic.
 */
class RegisteredEventsIT {

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
    void countsByHeaderAndFindsDoubledMissingAndForeignTokens() {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
             RegisteredEvents events = new RegisteredEvents(broker.bootstrapServers(), 4)) {
            // tokens 0 and 1 (twice), 3 without the header; 2 never; one without a token; one other event type
            producer.send(record(event("GM-1", TicketEventType.REGISTERED, "ООО «Ромашка» [0]"), true));
            producer.send(record(event("GM-2", TicketEventType.REGISTERED, "ИП Иванов [1]"), true));
            producer.send(record(event("GM-3", TicketEventType.REGISTERED, "ИП Иванов [1]"), true));
            producer.send(record(event("GM-4", TicketEventType.REGISTERED, "АО «Север» [3]"), false));
            producer.send(record(event("GM-5", TicketEventType.REGISTERED, "ООО «Без метки»"), true));
            producer.send(record(event("GM-1", TicketEventType.STATUS_CHANGED, "ООО «Ромашка» [0]"), true));
            producer.send(record(event("GM-6", TicketEventType.STATUS_CHANGED, "АО «Юг» [2]"), false));
            producer.flush();

            await().until(() -> events.registered() >= 5);
            RegisteredEvents.Snapshot seen = events.snapshot();

            assertThat(seen.registered()).isEqualTo(5);
            assertThat(seen.distinct()).isEqualTo(5);
            assertThat(seen.missing()).as("token 2 was never registered").isEqualTo(1);
            assertThat(seen.doubled()).as("token 1 was registered twice").isEqualTo(1);
            assertThat(seen.foreign()).isEqualTo(1);
            assertThat(seen.first()).isNotNull();
            assertThat(seen.last()).isAfterOrEqualTo(seen.first());
        }
    }

    private static ProducerRecord<String, byte[]> record(TicketEvent event, boolean header) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.TICKET_EVENTS, event.ticket().number(),
                Json.toBytes(event));
        if (header) {
            record.headers().add("event-type",
                    Json.MAPPER.convertValue(event.type(), String.class).getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static TicketEvent event(String number, TicketEventType type, String customer) {
        return TicketEvent.of(type, Instant.now(), new TicketSnapshot(number, TicketStatus.NEW,
                TicketType.CONSULTATION, Priority.MEDIUM, SupportLine.FIRST, "7707083893",
                CustomerContact.of(customer, "client@example.ru", null), Channel.EMAIL, Instant.now(),
                new Deadlines(null, null, null), "bench watcher test"), TicketEventData.byActor("test"));
    }
}
