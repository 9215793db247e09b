package ru.getmark.support.notifier.messaging;

import org.apache.kafka.common.serialization.Deserializer;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.json.Json;

import java.nio.charset.StandardCharsets;

/**
 * Reads a {@link TicketEvent} with common's contract mapper and keeps the original JSON next to it. A value that is
 * not a readable event throws, which the connector ({@code fail-on-deserialization-failure=false}) turns into a
 * dead letter carrying the original bytes.
 */
public class ReceivedTicketEventDeserializer implements Deserializer<ReceivedTicketEvent> {

    @Override
    public ReceivedTicketEvent deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        return new ReceivedTicketEvent(Json.fromBytes(data, TicketEvent.class),
                new String(data, StandardCharsets.UTF_8));
    }
}
