package ru.getmark.support.infra.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import ru.getmark.support.common.kafka.JsonSerializer;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * For the services' tests: publishes a contract record (any of common's events, as JSON) to a real topic as
 * ticket-service or the notifier would, and waits for the broker's acknowledgement (acks=all), so the test goes on
 * only once the record is there.
 */
public final class TopicWriter {

    private TopicWriter() {
    }

    public static void send(String bootstrapServers, String topic, String key, Object value) {
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new JsonSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("publishing to " + topic + " failed", e);
        }
    }
}
