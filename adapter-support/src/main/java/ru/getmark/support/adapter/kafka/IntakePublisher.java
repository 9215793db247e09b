package ru.getmark.support.adapter.kafka;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.inn.Inn;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes to Kafka and waits for the broker's acknowledgement, because an adapter acknowledges its channel (the
 * operator's 202, the mailbox flag, Telegram's offset, Twilio's 200) only once Kafka has what became of the message
 * (ARCHITECTURE.md, delivery guarantees). Refusals are awaited like requests: one not kept on the rejected topic would
 * be lost (R1).
 * <p>
 * Each adapter configures the outgoing channels {@code intake} ({@code getmark.intake.v1}) and
 * {@code intake-rejected} ({@code getmark.intake-rejected.v1}) in its application.properties: String keys, common's
 * {@code JsonSerializer}, {@code acks=all}, idempotence, and a {@code delivery.timeout.ms} below the waits of
 * {@link IntakeKafkaConfig}.
 */
@ApplicationScoped
public class IntakePublisher {

    private final Emitter<IntakeMessage> intake;
    private final Emitter<RejectedIntake> rejected;
    private final IntakeKafkaConfig config;

    IntakePublisher(@Channel("intake") Emitter<IntakeMessage> intake,
                    @Channel("intake-rejected") Emitter<RejectedIntake> rejected,
                    IntakeKafkaConfig config) {
        this.intake = intake;
        this.rejected = rejected;
        this.config = config;
    }

    /**
     * To {@code getmark.intake.v1}, key = {@link IntakeMessage#key()} (ИНН, or the ticket number of a follow-up
     * without one); blocks until Kafka acknowledged it.
     *
     * @throws KafkaUnavailableException when Kafka refused it or did not answer within
     *                                   {@code getmark.intake.publish-timeout}
     */
    public void publish(IntakeMessage message) throws KafkaUnavailableException {
        send(message).await();
    }

    /**
     * To {@code getmark.intake-rejected.v1}, key = the channel's sender id; blocks until Kafka acknowledged it.
     *
     * @throws KafkaUnavailableException when Kafka refused it or did not answer within
     *                                   {@code getmark.intake.rejected-publish-timeout}
     */
    public void publishRejected(RejectedIntake rejection) throws KafkaUnavailableException {
        sendRejected(rejection).await();
    }

    /**
     * Hands the record to {@code getmark.intake.v1} without waiting: a caller with many records (intake-email's chunk
     * of the mailbox) sends them all, in order, then awaits each {@link Sent} — one round trip to Kafka for all of
     * them instead of one per record. The emitter keeps the order of the sends; the idempotent producer keeps it per
     * partition.
     */
    public Sent send(IntakeMessage message) {
        return send(intake, message, message.key(), config.publishTimeout());
    }

    /** Like {@link #send(IntakeMessage)}, to {@code getmark.intake-rejected.v1}, key = the sender. */
    public Sent sendRejected(RejectedIntake rejection) {
        return send(rejected, rejection, rejection.senderId(), config.rejectedPublishTimeout());
    }

    /** A record handed to the channel; {@link #await()} says whether Kafka has it. */
    public static final class Sent {

        private final CompletableFuture<Void> acknowledged;
        private final RuntimeException refused;
        private final String key;
        private final Duration timeout;
        private final long sentAt = System.nanoTime();

        private Sent(CompletableFuture<Void> acknowledged, RuntimeException refused, String key, Duration timeout) {
            this.acknowledged = acknowledged;
            this.refused = refused;
            this.key = key;
            this.timeout = timeout;
        }

        /**
         * Waits for Kafka's acknowledgement, at most until the publish timeout counted from the send.
         *
         * @throws KafkaUnavailableException when the channel or Kafka refused the record, or Kafka did not answer in
         *                                   time
         */
        public void await() throws KafkaUnavailableException {
            if (refused != null) {
                // The emitter refuses when its buffer is full or the channel is down.
                throw new KafkaUnavailableException("the Kafka channel refused the record: " + refused, refused);
            }
            long left = sentAt + timeout.toNanos() - System.nanoTime();
            try {
                acknowledged.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // The key is an ИНН, a phone number or an address: never logged in full.
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
            return new Sent(acknowledged, null, key, timeout);
        } catch (RuntimeException e) {
            return new Sent(acknowledged, e, key, timeout);
        }
    }
}
