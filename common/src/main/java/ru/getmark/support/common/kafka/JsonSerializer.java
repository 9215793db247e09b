package ru.getmark.support.common.kafka;

import org.apache.kafka.common.serialization.Serializer;
import ru.getmark.support.common.json.Json;

/** Kafka value serialiser for every event contract, in the one JSON dialect of {@link Json}. */
public class JsonSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object data) {
        return data == null ? null : Json.toBytes(data);
    }
}
