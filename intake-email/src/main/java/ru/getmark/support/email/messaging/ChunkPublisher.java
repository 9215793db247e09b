package ru.getmark.support.email.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import ru.getmark.support.adapter.kafka.IntakeKafkaConfig;
import ru.getmark.support.adapter.kafka.KafkaUnavailableException;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.inn.Inn;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes the messages of one chunk of the mailbox without waiting for each acknowledgement in turn (issue 8): the
 * reader hands every record of the chunk to the channel first, in the mailbox's order, then waits for all the
 * acknowledgements together, so one round trip to Kafka serves the whole chunk instead of one per message. A message
 * is still flagged only after Kafka acknowledged its own record (ARCHITECTURE.md, delivery guarantees).
 * <p>
 * The same channels and settings as adapter-support's {@code IntakePublisher} ({@code intake}, {@code intake-rejected},
 * acks=all, idempotent, {@code getmark.intake.publish-timeout}), whose blocking {@code publish} allows only one record
 * in flight per caller. The emitter keeps the order of {@code send} calls; the idempotent producer keeps it per
 * partition, so one customer's records stay in the mailbox's order.
 */
@ApplicationScoped
public class ChunkPublisher {

    private final Emitter<IntakeMessage> intake;
    private final Emitter<RejectedIntake> rejected;
    private final IntakeKafkaConfig config;

    ChunkPublisher(@Channel("intake") Emitter<IntakeMessage> intake,
                   @Channel("intake-rejected") Emitter<RejectedIntake> rejected, IntakeKafkaConfig config) {
        this.intake = intake;
        this.rejected = rejected;
        this.config = config;
    }

    /** A record handed to the channel; {@link #await(long)} says whether Kafka has it. */
    public static final class Sent {

        private final CompletableFuture<Void> acknowledged;
        private final String key;
        private final Duration timeout;
        private final long sentAt = System.nanoTime();

        Sent(CompletableFuture<Void> acknowledged, String key, Duration timeout) {
            this.acknowledged = acknowledged;
            this.key = key;
            this.timeout = timeout;
        }

        /**
         * Waits for Kafka's acknowledgement, at most until the publish timeout counted from the send.
         *
         * @throws KafkaUnavailableException when Kafka refused the record or did not answer in time
         */
        public void await() throws KafkaUnavailableException {
            long left = sentAt + timeout.toNanos() - System.nanoTime();
            try {
                acknowledged.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // The key is an ИНН or an address: never logged in full.
                throw new KafkaUnavailableException("no acknowledgement from Kafka within " + timeout
                        + " (key " + Inn.mask(key) + ")", e);
            } catch (ExecutionException e) {
                throw new KafkaUnavailableException("Kafka refused the record: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaUnavailableException("interrupted while waiting for Kafka", e);
            }
        }
    }

    /** To {@code getmark.intake.v1}, key = {@link IntakeMessage#key()}. */
    public Sent send(IntakeMessage message) {
        return send(intake, message, message.key(), config.publishTimeout());
    }

    /** To {@code getmark.intake-rejected.v1}, key = the sender. */
    public Sent sendRejected(RejectedIntake rejection) {
        return send(rejected, rejection, rejection.senderId(), config.rejectedPublishTimeout());
    }

    private static <T> Sent send(Emitter<T> emitter, T payload, String key, Duration timeout) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        Message<T> message = Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())
                .withAck(() -> {
                    acknowledged.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acknowledged.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            // The emitter refuses when its buffer is full or the channel is down.
            acknowledged.completeExceptionally(e);
        }
        return new Sent(acknowledged, key, timeout);
    }
}
