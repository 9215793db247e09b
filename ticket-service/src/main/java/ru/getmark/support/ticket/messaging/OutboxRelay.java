package ru.getmark.support.ticket.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import ru.getmark.support.ticket.config.OutboxConfig;
import ru.getmark.support.ticket.repository.OutboxRepository;
import ru.getmark.support.ticket.repository.OutboxRepository.PendingEvent;
import ru.getmark.support.ticket.service.OutboxWritten;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the transactional outbox to Kafka, in outbox id order, key = ticket number, value = the event's JSON.
 * <p>
 * When: right after every commit that wrote an event ({@link OutboxWritten}, observed AFTER_SUCCESS), so the
 * customer's registration email leaves within seconds (R2), and on a periodic sweep, so nothing is lost when the
 * process died between commit and publish, or when Kafka was unreachable. Both only wake one relay thread; requests
 * that arrive while it works are coalesced into one more pass.
 * <p>
 * How: one transaction per batch takes a PostgreSQL advisory lock (one relay among all replicas at a time, which keeps
 * each ticket's events in order on the topic), sends the batch with an idempotent {@code acks=all} producer, waits for
 * Kafka's acknowledgement of each record in order, and marks the acknowledged prefix published. The first failure
 * stops the batch: the rest stays for the next attempt, so a later event of a ticket never overtakes an earlier one.
 * (Ids are taken at insert, so two concurrent transactions may commit out of id order; that only concerns events
 * of different tickets, because a ticket's next event is written by a transaction that saw the previous one
 * committed — the ticket row's optimistic lock serialises them.)
 * A publish that Kafka took but whose acknowledgement got lost is sent again: delivery is at least once, and
 * consumers are idempotent on {@code eventId}.
 * <p>
 * Retention: published rows are kept for {@code getmark.outbox.retention} (default 7 days: audit, and a replay by
 * resetting {@code published_at}) and then deleted by a nightly cleanup. Unpublished rows are never deleted.
 */
@Startup
@ApplicationScoped
public class OutboxRelay {

    private final OutboxRepository outbox;
    private final OutboxConfig config;
    private final Clock clock;
    private final KafkaProducer<String, byte[]> producer;
    private final ExecutorService worker;
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean stopping;
    private final Counter published;
    private final Counter failures;

    public OutboxRelay(OutboxRepository outbox, OutboxConfig config, Clock clock, MeterRegistry registry,
                       @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
        this.producer = new KafkaProducer<>(producerConfig(kafka, config.sendTimeout(), config.linger()));
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "outbox-relay");
            t.setDaemon(true);
            return t;
        });
        this.published = Counter.builder("getmark.outbox.published")
                .description("Outbox events acknowledged by Kafka").register(registry);
        this.failures = Counter.builder("getmark.outbox.publish.failures")
                .description("Outbox relay passes stopped by a failed publish").register(registry);
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafka, Duration sendTimeout, Duration linger) {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getOrDefault("bootstrap.servers", "localhost:9092"));
        kafka.forEach((k, v) -> {
            // security settings of the shared Kafka configuration (SASL, TLS) apply to this client too
            if (k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                c.put(k, v);
            }
        });
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "ticket-service-outbox");
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // A relay pass sends up to a batch of events at once and then waits for all their acknowledgements: a few
        // milliseconds of linger pack them into a few produce requests instead of one (acks=all) round trip per
        // event, and cost an event published alone no more than that.
        c.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis());
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        int timeout = (int) Math.max(1000, sendTimeout.toMillis());
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout / 2);
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        return c;
    }

    /** Publishes soon after a transaction that wrote events committed. */
    void onOutboxWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxWritten written) {
        wake();
    }

    @Scheduled(every = "${getmark.outbox.sweep-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        wake();
    }

    @Scheduled(cron = "${getmark.outbox.cleanup-cron:0 17 3 * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void cleanup() {
        long deleted = QuarkusTransaction.requiringNew().call(() ->
                outbox.deletePublishedBefore(clock.instant().minus(config.retention())));
        if (deleted > 0) {
            Log.infof("Deleted %d published outbox events older than %s", deleted, config.retention());
        }
    }

    /** Asks the relay thread for one more pass; does not block. */
    public void wake() {
        if (!stopping && requested.compareAndSet(false, true)) {
            try {
                worker.execute(this::drain);
            } catch (RuntimeException e) {
                requested.set(false); // shutting down; the next start's sweep publishes what is left
            }
        }
    }

    /** Publishes batches until the outbox is empty, another replica holds the lock, or a publish fails. */
    void drain() {
        requested.set(false);
        try {
            int sent;
            do {
                sent = QuarkusTransaction.requiringNew()
                        .timeout((int) Math.max(30, config.sendTimeout().multipliedBy(3).toSeconds()))
                        .call(this::publishBatch);
            } while (sent == config.batchSize());
        } catch (RuntimeException e) {
            failures.increment();
            Log.warnf(e, "Outbox relay pass failed; retrying on the next sweep");
        }
    }

    /** @return how many events were published; less than a full batch ends the pass */
    int publishBatch() {
        if (!outbox.tryLockRelay()) {
            return 0;
        }
        List<PendingEvent> batch = outbox.unpublished(config.batchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        RuntimeException sendFailure = null;
        for (PendingEvent event : batch) {
            try {
                sends.add(producer.send(record(event)));
            } catch (RuntimeException e) { // e.g. no metadata within max.block.ms
                sendFailure = e;
                break;
            }
        }
        List<Long> acknowledged = new ArrayList<>(sends.size());
        long deadline = System.nanoTime() + config.sendTimeout().toNanos() + TimeUnit.SECONDS.toNanos(1);
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(batch.get(i).id());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                sendFailure = new IllegalStateException("publish of outbox event " + batch.get(i).id() + " failed", e);
                break;
            }
        }
        outbox.markPublished(acknowledged, clock.instant());
        published.increment(acknowledged.size());
        if (sendFailure != null) {
            failures.increment();
            Log.warnf("Outbox relay: %d of %d events published, then: %s; the rest waits for the next attempt",
                    acknowledged.size(), batch.size(), rootMessage(sendFailure));
            return 0;
        }
        Log.debugf("Outbox relay: published %d events", acknowledged.size());
        return acknowledged.size();
    }

    private static ProducerRecord<String, byte[]> record(PendingEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.aggregateId(),
                event.payload());
        record.headers().add("event-id", event.eventId().getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-type", event.eventType().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Stops taking work before the database and Kafka clients go away; what is left is published after restart. */
    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
        worker.shutdown();
    }

    @PreDestroy
    void close() {
        stopping = true;
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
