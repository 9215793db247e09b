package ru.getmark.support.email.support;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.CustomerContact;
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

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Ticket events as ticket-service's outbox relay publishes them: real bytes to the real topic. */
public final class TicketEvents implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public TicketEvents(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** A ticket's snapshot with the given customer and status. */
    public static TicketSnapshot ticket(String number, String customerEmail, String inn, TicketStatus status) {
        return new TicketSnapshot(number, status, TicketType.SOFTWARE_BUG, Priority.MEDIUM, SupportLine.FIRST, inn,
                new CustomerContact("ООО «Клиент»", customerEmail, null, null, null), Channel.EMAIL,
                Instant.parse("2026-11-02T09:00:00Z"), null, "Тема обращения");
    }

    public static TicketEvent event(TicketEventType type, Instant at, TicketSnapshot ticket) {
        return TicketEvent.of(type, at, ticket, TicketEventData.byActor("system"));
    }

    public void publish(TicketEvent event) {
        send(event.key(), Json.toBytes(event));
    }

    /** With another key than the ticket's: to put an event into a given ticket's partition, behind its events. */
    public void publish(String key, TicketEvent event) {
        send(key, Json.toBytes(event));
    }

    public void publishRaw(String key, String value) {
        send(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private void send(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.TICKET_EVENTS, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not take the test event", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
