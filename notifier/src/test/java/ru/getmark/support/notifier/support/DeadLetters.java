package ru.getmark.support.notifier.support;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.infra.kafka.TopicReader;

import java.util.List;
import java.util.Optional;

/** The dead-letter topic of ticket events, read whole. */
public final class DeadLetters {

    public static final String TOPIC = Topics.dlq(Topics.TICKET_EVENTS);

    private DeadLetters() {
    }

    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers) {
        return TopicReader.readAll(bootstrapServers, TOPIC);
    }

    /** The dead letters whose value is the given event. */
    public static List<ConsumerRecord<String, byte[]>> ofEvent(String bootstrapServers, String eventId) {
        return readAll(bootstrapServers).stream()
                .filter(r -> eventId.equals(eventIdOf(r.value()).orElse(null)))
                .toList();
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        return TopicReader.header(record, name);
    }

    private static Optional<String> eventIdOf(byte[] value) {
        if (value == null || value.length == 0 || value[0] != '{') {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.fromBytes(value, TicketEvent.class).eventId());
        } catch (RuntimeException notAnEvent) {
            return Optional.empty();
        }
    }
}
