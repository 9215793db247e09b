package ru.getmark.support.notifier.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import ru.getmark.support.common.event.ChannelNotice;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.common.schema.ContractSchemas;
import ru.getmark.support.infra.kafka.TopicReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The chat notices really on {@code getmark.channel-outbound.v1}, each checked against its JSON Schema. */
public final class ChatNotices {

    public static final String SCHEMA_FILE = "channel-notice.v1.schema.json";

    private ChatNotices() {
    }

    /** A record of the outbound topic: its key, its JSON and the notice read from it. */
    public record Published(String key, JsonNode json, ChannelNotice notice) {
    }

    public static List<Published> readAll(String bootstrapServers) {
        return TopicReader.readAll(bootstrapServers, Topics.CHANNEL_OUTBOUND).stream()
                .map(ChatNotices::read)
                .toList();
    }

    /** The chat notices of one ticket, in the order they were published (one chat = one partition). */
    public static List<Published> ofTicket(String bootstrapServers, String ticketNumber) {
        return readAll(bootstrapServers).stream()
                .filter(p -> ticketNumber.equals(p.notice().ticketNumber()))
                .toList();
    }

    /** Schema violations of a published notice; empty when it is valid. */
    public static List<String> violations(Published published) {
        return ContractSchemas.violations(SCHEMA_FILE, published.json());
    }

    private static Published read(ConsumerRecord<String, byte[]> record) {
        try {
            JsonNode json = Json.MAPPER.readTree(record.value());
            return new Published(record.key(), json, Json.MAPPER.treeToValue(json, ChannelNotice.class));
        } catch (IOException e) {
            throw new UncheckedIOException("not a chat notice on the outbound topic", e);
        }
    }
}
