package ru.getmark.support.notifier.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.common.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** A plain Kafka producer, as ticket-service's outbox relay would publish: real bytes to the real broker. */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public EventPublisher(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
    }

    public void publish(TicketEvent event) {
        publish(event.key(), Json.toBytes(event));
    }

    public void publish(String key, JsonNode json) {
        publish(key, Json.toBytes(json));
    }

    public void publish(String key, String raw) {
        publish(key, raw.getBytes(StandardCharsets.UTF_8));
    }

    public void publish(String key, byte[] value) {
        send(new ProducerRecord<>(Topics.TICKET_EVENTS, key, value));
    }

    /** To one partition explicitly (to put a marker behind everything already in it). */
    public void publishTo(int partition, TicketEvent event) {
        send(new ProducerRecord<>(Topics.TICKET_EVENTS, partition, event.key(), Json.toBytes(event)));
    }

    /**
     * Publishes all at once, as one burst (sent without waiting in between, then awaited together), so that the
     * consumer's next poll finds many of them: what a busy ticket-service produces.
     *
     * @return where each landed, in order
     */
    public List<RecordMetadata> publishAll(List<ProducerRecord<String, byte[]>> records) {
        List<Future<RecordMetadata>> sent = records.stream().map(producer::send).toList();
        producer.flush();
        try {
            List<RecordMetadata> landed = new ArrayList<>();
            for (Future<RecordMetadata> future : sent) {
                landed.add(future.get(30, TimeUnit.SECONDS));
            }
            return landed;
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not take the test events", e);
        }
    }

    /** A record of the main topic holding the event, keyed by its ticket. */
    public static ProducerRecord<String, byte[]> record(TicketEvent event) {
        return new ProducerRecord<>(Topics.TICKET_EVENTS, event.key(), Json.toBytes(event));
    }

    public int partitions() {
        return producer.partitionsFor(Topics.TICKET_EVENTS).size();
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not take the test event", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
