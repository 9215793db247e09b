package ru.getmark.support.ticket.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
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
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.ticket.service.BatchRegistration;
import ru.getmark.support.ticket.service.ConcurrentChangeException;
import ru.getmark.support.ticket.service.InvalidIntakeException;
import ru.getmark.support.ticket.service.Registration;
import ru.getmark.support.ticket.service.TicketService;
import ru.getmark.support.ticket.service.UnknownTicketException;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code getmark.intake.v1} in batches (key = ИНН, so one customer's messages arrive in order within a
 * partition) and registers each batch in ONE
 * transaction ({@link BatchRegistration}): a durable commit per batch instead of per message (issue 8). A batch is
 * acknowledged, hence its offsets committed, only after that commit and after its poison messages are on the
 * dead-letter topic; a crash in between redelivers the batch and R5 makes that harmless.
 * <p>
 * The channel runs as two copies ({@code concurrency=2}), each its own consumer of the group with its share of the
 * partitions: their batches are registered concurrently (both cores busy), each copy's one at a time
 * ({@code @Blocking} is ordered), so a partition's — a customer's — messages are still applied in order.
 * <p>
 * When the batch transaction fails (a follow-up naming an unknown ticket, a follow-up losing an optimistic lock to a
 * staff action, anything else) it is rolled back whole and the batch is registered again one message per transaction
 * ({@link TicketService#register}), as before issue 8: an optimistic-lock loser is retried, a message that fails
 * for a reason of its own is parked, and while the database does not answer the messages wait for it instead (a
 * database outage must not park good requests).
 * <p>
 * Poison messages are parked on {@code getmark.intake.v1.dlq} one by one, by nacking the record itself: the channel's
 * dead-letter-queue failure strategy writes it whole (an unreadable value as its original bytes) with the exception
 * message as the {@code dead-letter-reason} header and the {@code dead-letter-*} headers of its origin, exactly as it
 * did when records were consumed one at a time. (Nacking the whole batch would park every message of it; that only
 * happens if this method itself throws, which it does not.) Parking starts only after the batch's own transaction
 * committed, because parking acknowledges the record: had it been the last record of its partition in the batch,
 * its offset could otherwise be committed before the messages before it were registered.
 * <p>
 * What is parked: values that are not an {@link IntakeMessage} at all (the deserialiser's failure is not fatal,
 * {@code fail-on-deserialization-failure=false}: the payload arrives as null), new requests without a valid ИНН, and
 * follow-ups, confirmations and bounces naming a ticket that does not exist ({@link UnknownTicketException}): kept
 * whole for ops, never silently dropped.
 */
@ApplicationScoped
public class IntakeListener {

    private static final int MAX_ATTEMPTS = 5;

    private final TicketService tickets;
    private final BatchRegistration batchRegistration;
    private final Counter registered;
    private final Counter duplicates;
    private final Counter deferred;
    private final Counter followUps;
    private final Counter deliveryFailures;
    private final Counter databaseWaits;
    private final DataSource database;
    private volatile boolean stopping;

    public IntakeListener(TicketService tickets, BatchRegistration batchRegistration, DataSource database,
                          MeterRegistry registry) {
        this.tickets = tickets;
        this.batchRegistration = batchRegistration;
        this.database = database;
        this.registered = Counter.builder("getmark.tickets.registered")
                .description("Tickets registered from intake messages").register(registry);
        this.duplicates = Counter.builder("getmark.intake.duplicates")
                .description("Intake messages skipped because they were processed before (R5)").register(registry);
        this.deferred = Counter.builder("getmark.intake.deferred")
                .description("Follow-ups, confirmations and bounces naming no known ticket, parked on the DLQ")
                .register(registry);
        this.followUps = Counter.builder("getmark.intake.follow-ups")
                .description("Follow-ups and confirmation replies applied to their tickets").register(registry);
        this.deliveryFailures = Counter.builder("getmark.intake.delivery-failures")
                .description("Bounces of notices to customers recorded on their tickets").register(registry);
        this.databaseWaits = Counter.builder("getmark.intake.database-waits")
                .description("Pauses of intake registration while the database did not answer").register(registry);
    }

    @Incoming("intake")
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, IntakeMessage> batch) {
        List<KafkaRecord<String, IntakeMessage>> records = batch.getRecords();
        List<Parked> parked = new ArrayList<>();
        List<KafkaRecord<String, IntakeMessage>> readable = new ArrayList<>(records.size());
        for (KafkaRecord<String, IntakeMessage> record : records) {
            Optional<Throwable> refusal = refusal(record);
            if (refusal.isPresent()) {
                parked.add(new Parked(record, refusal.get()));
            } else {
                readable.add(record);
            }
        }
        if (!readable.isEmpty()) {
            try {
                List<Registration> results = batchRegistration.registerAll(
                        readable.stream().map(KafkaRecord::getPayload).toList());
                for (int i = 0; i < results.size(); i++) {
                    count(readable.get(i).getPayload(), results.get(i));
                }
            } catch (RuntimeException | AssertionError e) { // AssertionError: see registerOne
                Log.warnf("A batch of %d intake messages was rolled back (%s); registering them one by one",
                        readable.size(), rootMessage(e));
                for (KafkaRecord<String, IntakeMessage> record : readable) {
                    try {
                        count(record.getPayload(), registerOne(record.getPayload()));
                    } catch (StoppingException stopping) {
                        // shutting down while waiting for the database: not acknowledged, consumed again after start
                        Log.infof("Stopping: a batch of %d intake messages is left for the next start",
                                records.size());
                        return CompletableFuture.completedFuture(null);
                    } catch (RuntimeException failure) {
                        if (failure instanceof UnknownTicketException) {
                            deferred.increment();
                        }
                        parked.add(new Parked(record, failure));
                    }
                }
            }
        }
        return park(parked).handle((ignored, failure) -> failure).thenCompose(failure -> {
            if (failure != null) {
                // never a failed stage: the framework would nack the batch, i.e. park every message of it
                Log.errorf("Parking a poison intake message failed (%s); the batch is not acknowledged and will be "
                        + "consumed again", rootMessage(failure));
                return CompletableFuture.completedFuture(null);
            }
            return batch.ack().exceptionally(e -> {
                Log.warnf("Acknowledging a batch of intake messages failed (%s); it may be consumed again (R5)",
                        rootMessage(e));
                return null;
            });
        });
    }

    /** Why a record can never be registered, known without the database; empty when it may be. */
    private static Optional<Throwable> refusal(KafkaRecord<String, IntakeMessage> record) {
        IntakeMessage message = record.getPayload();
        if (message != null) {
            return TicketService.refusal(message).map(Throwable.class::cast);
        }
        Header failure = record.getHeaders().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON);
        if (failure != null) {
            // the reason the one-record consumer parked unreadable values with (it did not reach this class then)
            return Optional.of(new RecordDeserializationException(
                    new TopicPartition(record.getTopic(), record.getPartition()), offsetOf(record),
                    new String(failure.value(), StandardCharsets.UTF_8), null));
        }
        return Optional.of(new InvalidIntakeException("value is not a readable " + IntakeMessage.SCHEMA + " message"));
    }

    /**
     * Parks the records on the dead-letter topic (the channel's failure strategy), all at once; completes when
     * Kafka took them all. A record the dead-letter producer could not write fails the stage: the batch is then not
     * acknowledged (the failure strategy has already reported the consumer unhealthy), so it is consumed again.
     */
    private CompletionStage<Void> park(List<Parked> parked) {
        if (parked.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<?>[] writes = parked.stream()
                .map(p -> {
                    // the reasons of our own refusals carry no personal data; others are named by their class
                    Log.warnf("Intake message at %s-%d@%d parked on the dead-letter topic: %s", p.record.getTopic(),
                            p.record.getPartition(), offsetOf(p.record), p.reason instanceof InvalidIntakeException
                                    ? p.reason.getMessage() : p.reason.getClass().getName());
                    return p.record.nack(p.reason).toCompletableFuture();
                })
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(writes);
    }

    private static long offsetOf(KafkaRecord<String, IntakeMessage> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset)
                .orElse(-1L);
    }

    private void count(IntakeMessage message, Registration result) {
        switch (result.outcome()) {
            case REGISTERED -> registered.increment();
            case DUPLICATE -> duplicates.increment();
            case FOLLOW_UP -> followUps.increment();
            case DELIVERY_FAILURE -> deliveryFailures.increment();
        }
        Log.debugf("Intake message %s: %s %s", message.messageId(), result.outcome(),
                result.ticketNumber() == null ? "" : result.ticketNumber());
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private record Parked(KafkaRecord<String, IntakeMessage> record, Throwable reason) {
    }

    /**
     * Registers one message in its own transaction. What is parked (thrown) is what the message itself caused: an
     * invalid message, a ticket that does not exist, an optimistic-lock race lost {@value #MAX_ATTEMPTS} times, or an
     * unexpected failure that repeats {@value #MAX_ATTEMPTS} times while the database answers. While the database
     * does not answer (an outage, a restart, a fail-over) the message is not the problem: it waits
     * ({@link DatabaseOutage}), and this partition with it; nothing is parked and nothing is acknowledged.
     *
     * @throws StoppingException the service is stopping while the message waits
     */
    private Registration registerOne(IntakeMessage message) {
        int failures = 0;
        int waits = 0;
        while (true) {
            try {
                return registerRetrying(message);
            } catch (InvalidIntakeException | ConcurrentChangeException e) { // UnknownTicketException included
                throw e;
            } catch (RuntimeException | AssertionError e) {
                // PgJDBC (42.7) throws an AssertionError from a JDBC batch when the connection is lost in the middle
                // of it (BatchResultHandler.isAutoCommit): an outage, not a defect of this code
                if (!DatabaseOutage.reachable(database)) {
                    databaseWaits.increment();
                    Duration pause = DatabaseOutage.pause(waits++);
                    Log.warnf("The database does not answer (%s); intake message %s waits %d ms, nothing is parked",
                            rootMessage(e), message.messageId(), pause.toMillis());
                    sleep(pause);
                } else if (++failures >= MAX_ATTEMPTS) {
                    throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                } else {
                    Log.warnf("Registering intake message %s failed (%s); trying again (%d)", message.messageId(),
                            rootMessage(e), failures);
                    sleep(DatabaseOutage.pause(failures - 1));
                }
            }
        }
    }

    private void sleep(Duration pause) {
        if (stopping) {
            throw new StoppingException();
        }
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoppingException();
        }
        if (stopping) {
            throw new StoppingException();
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** The service stops while a message waits for the database. */
    private static final class StoppingException extends RuntimeException {
        StoppingException() {
            super("stopping", null, false, false);
        }
    }

    /**
     * A follow-up racing a staff action (or the auto-close job) on the same ticket loses the optimistic lock; its
     * transaction rolled back whole (the message id claim included), so it is simply applied again on fresh data.
     */
    private Registration registerRetrying(IntakeMessage message) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tickets.register(message);
            } catch (ConcurrentChangeException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                Log.infof("Message %s: ticket %s changed concurrently, retrying (%d)", message.messageId(),
                        message.ticketNumber(), attempt);
            }
        }
    }
}
