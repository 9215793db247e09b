package ru.getmark.support.phone.messaging;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.inn.Inn;
import ru.getmark.support.phone.config.PhoneIntakeConfig;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes to Kafka and waits for the broker's acknowledgement, because the operator is told "accepted" only once
 * Kafka has the message (ARCHITECTURE.md, delivery guarantees). The producers run with {@code acks=all} and
 * idempotence; see application.properties.
 */
@ApplicationScoped
public class IntakePublisher {

    private final Emitter<IntakeMessage> intake;
    private final Emitter<RejectedIntake> rejected;
    private final PhoneIntakeConfig config;

    IntakePublisher(@Channel("intake") Emitter<IntakeMessage> intake,
                    @Channel("intake-rejected") Emitter<RejectedIntake> rejected,
                    PhoneIntakeConfig config) {
        this.intake = intake;
        this.rejected = rejected;
        this.config = config;
    }

    /**
     * Publishes a call to {@code getmark.intake.v1} with key = ИНН and blocks until Kafka acknowledged it.
     *
     * @throws KafkaUnavailableException when Kafka refused it or did not answer within the publish timeout
     */
    public void publish(IntakeMessage message) throws KafkaUnavailableException {
        send(intake, message, message.key(), config.publishTimeout());
    }

    /**
     * Keeps a rejected call on {@code getmark.intake-rejected.v1} (key = the operator's login), best effort: the
     * caller answers the operator whatever happens here, so a failure is only logged. After the wait the producer
     * keeps trying in the background until its {@code delivery.timeout.ms}.
     *
     * @return true when Kafka acknowledged it
     */
    public boolean publishRejected(RejectedIntake rejection) {
        try {
            send(rejected, rejection, rejection.senderId(), config.rejectedPublishTimeout());
            return true;
        } catch (KafkaUnavailableException e) {
            Log.warnf("Rejected call %s not (yet) kept on the rejected-intake topic: %s", rejection.messageId(),
                    e.getMessage());
            return false;
        }
    }

    private static <T> void send(Emitter<T> emitter, T payload, String key, Duration timeout)
            throws KafkaUnavailableException {
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
            acknowledged.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("no acknowledgement from Kafka within " + timeout
                    + " (key " + Inn.mask(key) + ")", e);
        } catch (ExecutionException e) {
            throw new KafkaUnavailableException("Kafka refused the record: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while waiting for Kafka", e);
        } catch (RuntimeException e) {
            // The emitter refuses when its buffer is full or the channel is down.
            throw new KafkaUnavailableException("the Kafka channel refused the record: " + e, e);
        }
    }
}
