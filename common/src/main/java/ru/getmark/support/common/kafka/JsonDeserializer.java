package ru.getmark.support.common.kafka;

import org.apache.kafka.common.serialization.Deserializer;
import ru.getmark.support.common.json.Json;

/**
 * Kafka value deserialiser for one event contract. Subclass it per type (Kafka instantiates deserialisers by class
 * name), e.g. {@link IntakeMessageDeserializer}. A value that cannot be read throws, so that the consumer's failure
 * strategy (the dead-letter topic) takes it.
 */
public abstract class JsonDeserializer<T> implements Deserializer<T> {

    private final Class<T> type;

    protected JsonDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : Json.fromBytes(data, type);
    }
}
