package ru.getmark.support.local.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.common.json.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches {@code getmark.ticket-events.v1} from the beginning (all partitions assigned, no group) and counts the
 * {@code registered} events: how many, how many distinct ticket numbers, and for every request token (the benchmark
 * appends {@code [<seq>]} to each message's customer name) how often it was registered, so that a message registered
 * twice or never is seen. Keeps the Kafka timestamps (the outbox relay's send time) of the first and the last one.
 */
final class RegisteredEvents implements AutoCloseable {

    /** The token the benchmark appends to a customer's name in the registration phase. */
    static final Pattern TOKEN = Pattern.compile("\\[(\\d+)]$");

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final int[] perToken;
    private final Set<String> numbers = new HashSet<>();
    private volatile boolean running = true;
    private long registered;
    private long foreign;
    private long firstTimestamp = Long.MAX_VALUE;
    private long lastTimestamp = Long.MIN_VALUE;
    private volatile RuntimeException failure;

    /**
     * What was seen so far.
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
        this.perToken = new int[expected];
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        List<PartitionInfo> partitions = consumer.partitionsFor(Topics.TICKET_EVENTS);
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        this.thread = new Thread(this::run, "bench-registered-events");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    TicketEvent event = Json.fromBytes(record.value(), TicketEvent.class);
                    if (event.type() == TicketEventType.REGISTERED) {
                        count(event, record.timestamp());
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

    private synchronized void count(TicketEvent event, long timestamp) {
        registered++;
        numbers.add(event.ticket().number());
        firstTimestamp = Math.min(firstTimestamp, timestamp);
        lastTimestamp = Math.max(lastTimestamp, timestamp);
        String name = event.ticket().customer() == null ? null : event.ticket().customer().name();
        Matcher token = TOKEN.matcher(name == null ? "" : name);
        int seq = token.find() ? Integer.parseInt(token.group(1)) : -1;
        if (seq >= 0 && seq < perToken.length) {
            perToken[seq]++;
        } else {
            foreign++;
        }
    }

    synchronized long registered() {
        check();
        return registered;
    }

    synchronized Snapshot snapshot() {
        check();
        long missing = 0;
        long doubled = 0;
        for (int count : perToken) {
            if (count == 0) {
                missing++;
            } else if (count > 1) {
                doubled++;
            }
        }
        return new Snapshot(registered, numbers.size(), missing, doubled, foreign,
                registered == 0 ? null : Instant.ofEpochMilli(firstTimestamp),
                registered == 0 ? null : Instant.ofEpochMilli(lastTimestamp));
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
