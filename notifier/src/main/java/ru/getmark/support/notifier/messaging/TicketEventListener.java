package ru.getmark.support.notifier.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import ru.getmark.support.common.db.DatabaseOutage;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.notifier.domain.EmailAddresses;
import ru.getmark.support.notifier.service.DeliveryWorker;
import ru.getmark.support.notifier.service.NotificationService;
import ru.getmark.support.notifier.service.NotificationService.PreparedEvent;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code getmark.ticket-events.v1} (group {@code notifier}, manual commits, from the earliest offset) in
 * batches and sends nothing itself: it records the notices of a whole batch of events in the delivery table in ONE
 * transaction (one durable commit per batch instead of one per event, issue 8), wakes the delivery workers once and
 * acknowledges the batch, whose offsets are then committed. Sending, retrying and parking happen in
 * {@link DeliveryWorker}, so a mail server that is down never holds the consumer, and one ticket's failing address
 * never holds another's.
 * <ul>
 *   <li>When the batch's transaction fails, it is rolled back whole and the batch is recorded again one event per
 *       transaction, as before issue 8, so that only the event that cannot be recorded fails.</li>
 *   <li>While the database does not answer, an event whose recording failed waits for it (pauses growing from
 *       200 ms to 30 s, metric {@code getmark_notices_database_waits_total}) instead of being parked.</li>
 *   <li>A value that is not a readable TicketEvent, and an event whose recording failed on its own while the
 *       database answers, go to {@code getmark.ticket-events.v1.dlq} one by one: the record itself is
 *       nacked, so the channel's {@code dead-letter-queue} strategy writes it as it came (an unreadable value as its
 *       original bytes) with the reason and the {@code dead-letter-*} headers of its origin, exactly as when events
 *       were consumed one at a time; replaying it later is safe, since recording is once-only. This starts only
 *       after the batch's own transaction committed, because parking acknowledges the record (its offset must not
 *       be committed before the events ahead of it are recorded); the batch is acknowledged once all are parked.
 *       The method never returns a failed stage: the framework would nack the batch, i.e. park every event of
 *       it.</li>
 *   <li>A type this build does not know (read as {@code unknown}) and types without a notice are skipped; unknown
 *       JSON fields are ignored by the contract's mapper; a tombstone (null value) is skipped.</li>
 * </ul>
 * Blocking and ordered: one batch at a time, and within it each partition's events (one ticket's) in their order,
 * which is the order of the rows and the order the workers send them in.
 */
@ApplicationScoped
public class TicketEventListener {

    private final NotificationService notifications;
    private final DeliveryWorker worker;
    private final Clock clock;
    private final DataSource dataSource;
    private final Counter databaseWaits;
    private volatile boolean stopping;

    public TicketEventListener(NotificationService notifications, DeliveryWorker worker, Clock clock,
                               DataSource dataSource, MeterRegistry registry) {
        this.notifications = notifications;
        this.worker = worker;
        this.clock = clock;
        this.dataSource = dataSource;
        this.databaseWaits = Counter.builder("getmark.notices.database-waits")
                .description("Pauses of recording notices while the database did not answer").register(registry);
    }

    @Incoming("ticket-events")
    @Blocking
    public CompletionStage<Void> onBatch(KafkaRecordBatch<String, ReceivedTicketEvent> batch) {
        List<Prepared> prepared = new ArrayList<>();
        List<Parked> parked = new ArrayList<>();
        for (KafkaRecord<String, ReceivedTicketEvent> record : batch.getRecords()) {
            ReceivedTicketEvent received = record.getPayload();
            if (received == null) {
                unreadable(record).ifPresentOrElse(reason -> parked.add(new Parked(record, reason)),
                        () -> Log.debugf("Empty ticket event (tombstone) at %s; skipped", position(record)));
                continue;
            }
            TicketEvent event = received.event();
            if (event.type() == TicketEventType.UNKNOWN) {
                Log.infof("Event %s of ticket %s has type '%s', which this notifier does not know; skipped",
                        event.eventId(), event.key(), rawType(received.json()));
                continue;
            }
            try {
                PreparedEvent ready = notifications.prepare(event, received.json(), clock.instant());
                if (!ready.deliveries().isEmpty()) {
                    prepared.add(new Prepared(record, ready));
                }
            } catch (RuntimeException e) {
                parked.add(new Parked(record, e));
            }
        }
        if (!prepared.isEmpty() && !record(prepared, parked)) {
            Log.infof("Stopping: a batch of %d ticket events is left for the next start", batch.getRecords().size());
            return CompletableFuture.completedFuture(null);
        }
        return park(parked).handle((ignored, failure) -> failure).thenCompose(failure -> {
            if (failure != null) {
                // never a failed stage: the framework would nack the batch, i.e. park every event of it
                Log.errorf("Parking a ticket event on the dead-letter topic failed (%s); the batch is not "
                        + "acknowledged and will be consumed again (recording is once-only)",
                        EmailAddresses.maskAll(rootMessage(failure)));
                return CompletableFuture.completedFuture(null);
            }
            return batch.ack().exceptionally(e -> {
                Log.warnf("Acknowledging a batch of ticket events failed (%s); it may be consumed again (recording"
                        + " is once-only)", rootMessage(e));
                return null;
            });
        });
    }

    /**
     * The whole batch in one transaction; when that fails, event by event, parking the ones that fail alone while the
     * database answers ({@link DatabaseOutage}).
     *
     * @return false when the service began to stop while an event waited for the database
     */
    private boolean record(List<Prepared> prepared, List<Parked> parked) {
        try {
            if (notifications.recordAll(prepared.stream().map(Prepared::event).toList()) > 0) {
                worker.wake();
            }
            return true;
        } catch (RuntimeException | AssertionError e) { // PgJDBC's AssertionError: see below
            Log.warnf("Recording the notices of a batch of %d ticket events was rolled back (%s); recording them"
                    + " one event at a time", prepared.size(), EmailAddresses.maskAll(rootMessage(e)));
        }
        for (Prepared one : prepared) {
            int waits = 0;
            while (true) {
                try {
                    if (notifications.recordAll(List.of(one.event())) > 0) {
                        worker.wake();
                    }
                    break;
                } catch (RuntimeException | AssertionError e) {
                    // PgJDBC (42.7) throws an AssertionError from executeBatch when the connection is lost in the
                    // middle of it (BatchResultHandler.isAutoCommit): an outage, not a defect of this code
                    if (DatabaseOutage.reachable(dataSource)) {
                        parked.add(new Parked(one.record(), e));
                        break;
                    }
                    // an outage is not the event's fault: it waits for the database instead of being parked
                    Duration pause = DatabaseOutage.pause(waits++);
                    databaseWaits.increment();
                    Log.warnf("The database does not answer (%s); ticket event %s waits %d ms, nothing is parked",
                            EmailAddresses.maskAll(rootMessage(e)), one.event().event().eventId(), pause.toMillis());
                    if (!sleep(pause)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** @return false when the service is stopping (the batch is then left unacknowledged, for the next start) */
    private boolean sleep(Duration pause) {
        if (stopping) {
            return false;
        }
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !stopping;
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Parks the records on the dead-letter topic (the channel's failure strategy), all at once; completes when
     * Kafka took them all. A record the dead-letter producer could not write fails the stage: the batch is then not
     * acknowledged (the failure strategy has already reported the consumer unhealthy), so it is consumed again.
     */
    private static CompletionStage<Void> park(List<Parked> parked) {
        if (parked.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<?>[] writes = parked.stream()
                .map(p -> {
                    Log.warnf("Ticket event at %s parked on the dead-letter topic: %s", position(p.record()),
                            p.reason().getClass().getName());
                    return p.record().nack(p.reason()).toCompletableFuture();
                })
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(writes);
    }

    /**
     * Why a null value is poison: the deserialiser failed (not fatal, {@code fail-on-deserialization-failure=false}:
     * the value arrives as null with the failure in headers). Empty for a real tombstone.
     */
    private static Optional<Throwable> unreadable(KafkaRecord<String, ReceivedTicketEvent> record) {
        Header failure = record.getHeaders().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON);
        if (failure == null) {
            return Optional.empty();
        }
        // the reason the one-record consumer parked unreadable values with (they did not reach this class then)
        return Optional.of(new RecordDeserializationException(
                new TopicPartition(record.getTopic(), record.getPartition()), offsetOf(record),
                new String(failure.value(), StandardCharsets.UTF_8), null));
    }

    private static long offsetOf(KafkaRecord<?, ?> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset)
                .orElse(-1L);
    }

    private static String position(KafkaRecord<?, ?> record) {
        return record.getTopic() + "-" + record.getPartition() + "@" + offsetOf(record);
    }

    private static String rawType(String json) {
        try {
            JsonNode type = Json.MAPPER.readTree(json).path("type");
            String text = type.asText("?");
            return text.length() > 50 ? text.substring(0, 50) + "…" : text;
        } catch (Exception e) {
            return "?";
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private record Prepared(KafkaRecord<String, ReceivedTicketEvent> record, PreparedEvent event) {
    }

    private record Parked(KafkaRecord<String, ReceivedTicketEvent> record, Throwable reason) {
    }
}
