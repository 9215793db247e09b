package ru.getmark.support.local.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.common.json.Json;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches {@code getmark.ticket-events.v1} from the beginning (all partitions assigned, no group) and counts the
 * {@code registered} events, keeping the Kafka timestamps (the outbox relay's send time) of the first and the last one.
 * <p>
 * The watcher runs on the measured machine while ticket-service registers, so it must not compete with it: during the
 * window it reads only each record's key (the ticket number) and its {@code event-type} header, never the ≈ 5 KB JSON
 * value. (Parsing every value cost ≈ 0.3 CPU-ms per ticket — a quarter of the whole registration's CPU.) Only a record
 * without the header is parsed. {@link #snapshot()}, called after the clock stopped, reads the topic once more and
 * parses every registered event: for every request token (the benchmark appends {@code [<seq>]} to each message's
 * customer name) how often it was registered, so that a message registered twice or never is seen.
 */
final class RegisteredEvents implements AutoCloseable {

    /** The token the benchmark appends to a customer's name in the registration phase. */
    static final Pattern TOKEN = Pattern.compile("\\[(\\d+)]$");

    private static final String TYPE_HEADER = "event-type";
    private static final String REGISTERED = Json.MAPPER.convertValue(TicketEventType.REGISTERED, String.class);
    private static final byte[] REGISTERED_BYTES = REGISTERED.getBytes(StandardCharsets.UTF_8);

    private final String bootstrapServers;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final int expected;
    private final Set<String> numbers = new HashSet<>();
    private volatile boolean running = true;
    private long registered;
    private long firstTimestamp = Long.MAX_VALUE;
    private long lastTimestamp = Long.MIN_VALUE;
    private volatile RuntimeException failure;

    /**
     * What was seen.
     *
     * @param registered  registered events
     * @param distinct    distinct ticket numbers among them
     * @param missing     tokens 0..n-1 never registered
     * @param doubled     tokens registered more than once
     * @param foreign     registered events without a token of this run
     * @param first       Kafka timestamp of the earliest registered event
     * @param last        Kafka timestamp of the latest registered event
     */
    record Snapshot(long registered, long distinct, long missing, long doubled, long foreign, Instant first,
                    Instant last) {
    }

    RegisteredEvents(String bootstrapServers, int expected) {
        this.bootstrapServers = bootstrapServers;
        this.expected = expected;
        this.consumer = fromBeginning(bootstrapServers);
        this.thread = new Thread(this::run, "bench-registered-events");
        thread.setDaemon(true);
        thread.start();
    }

    private static KafkaConsumer<String, byte[]> fromBeginning(String bootstrapServers) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        List<TopicPartition> assigned = consumer.partitionsFor(Topics.TICKET_EVENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        return consumer;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (isRegistered(record)) {
                        count(record.key(), record.timestamp());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close();
        }
    }

    /** By the {@code event-type} header the outbox relay sets; a record without it is parsed. */
    static boolean isRegistered(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(TYPE_HEADER);
        if (type != null) {
            return Arrays.equals(type.value(), REGISTERED_BYTES);
        }
        return Json.fromBytes(record.value(), TicketEvent.class).type() == TicketEventType.REGISTERED;
    }

    private synchronized void count(String number, long timestamp) {
        registered++;
        numbers.add(number);
        firstTimestamp = Math.min(firstTimestamp, timestamp);
        lastTimestamp = Math.max(lastTimestamp, timestamp);
    }

    synchronized long registered() {
        check();
        return registered;
    }

    /**
     * The counts of the window, and the tokens of every registered event on the topic now: reads the topic once more
     * from the beginning up to its current end, parsing each registered event (outside the measured window).
     */
    Snapshot snapshot() {
        check();
        Tokens tokens = readTokens();
        synchronized (this) {
            return new Snapshot(registered, numbers.size(), tokens.missing(), tokens.doubled(), tokens.foreign(),
                    registered == 0 ? null : Instant.ofEpochMilli(firstTimestamp),
                    registered == 0 ? null : Instant.ofEpochMilli(lastTimestamp));
        }
    }

    private record Tokens(long missing, long doubled, long foreign) {
    }

    private Tokens readTokens() {
        int[] perToken = new int[expected];
        long foreign = 0;
        try (KafkaConsumer<String, byte[]> reader = fromBeginning(bootstrapServers)) {
            Map<TopicPartition, Long> end = new HashMap<>(reader.endOffsets(reader.assignment()));
            end.values().removeIf(offset -> offset == 0);
            Instant deadline = Instant.now().plusSeconds(120);
            while (!end.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("re-reading " + Topics.TICKET_EVENTS + " did not reach " + end);
                }
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long last = end.get(partition);
                    if (last == null || record.offset() >= last) {
                        continue;
                    }
                    TicketEvent event = Json.fromBytes(record.value(), TicketEvent.class);
                    if (event.type() != TicketEventType.REGISTERED) {
                        continue;
                    }
                    String name = event.ticket().customer() == null ? null : event.ticket().customer().name();
                    Matcher token = TOKEN.matcher(name == null ? "" : name);
                    int seq = token.find() ? Integer.parseInt(token.group(1)) : -1;
                    if (seq >= 0 && seq < perToken.length) {
                        perToken[seq]++;
                    } else {
                        foreign++;
                    }
                }
                end.entrySet().removeIf(e -> reader.position(e.getKey()) >= e.getValue());
            }
        }
        long missing = 0;
        long doubled = 0;
        for (int count : perToken) {
            if (count == 0) {
                missing++;
            } else if (count > 1) {
                doubled++;
            }
        }
        return new Tokens(missing, doubled, foreign);
    }

    private void check() {
        if (failure != null) {
            throw new IllegalStateException("reading " + Topics.TICKET_EVENTS + " failed: " + failure, failure);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
