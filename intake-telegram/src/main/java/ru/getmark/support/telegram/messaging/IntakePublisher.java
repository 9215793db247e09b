package ru.getmark.support.telegram.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.telegram.config.TelegramConfig;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes to Kafka and waits for the broker's acknowledgement, because an update is acknowledged to Telegram (offset, webhook answer)
 * only once Kafka has what became of it (ARCHITECTURE.md, delivery guarantees). Both producers run with
 * {@code acks=all} and idempotence (application.properties). Refusals are awaited like requests: a refused email not
 * kept on the rejected topic would be lost (R1).
 */
@ApplicationScoped
public class IntakePublisher {

    private final Emitter<IntakeMessage> intake;
    private final Emitter<RejectedIntake> rejected;
    private final Duration timeout;

    IntakePublisher(@Channel("intake") Emitter<IntakeMessage> intake,
                    @Channel("intake-rejected") Emitter<RejectedIntake> rejected,
                    TelegramConfig config) {
        this.intake = intake;
        this.rejected = rejected;
        this.timeout = config.publishTimeout();
    }

    /** To {@code getmark.intake.v1}, key = ИНН (or the ticket number of a follow-up without one). */
    public void publish(IntakeMessage message) throws KafkaUnavailableException {
        send(intake, message, message.key());
    }

    /** To {@code getmark.intake-rejected.v1}, key = the sender's address. */
    public void publishRejected(RejectedIntake rejection) throws KafkaUnavailableException {
        send(rejected, rejection, rejection.senderId());
    }

    private <T> void send(Emitter<T> emitter, T payload, String key) throws KafkaUnavailableException {
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
            throw new KafkaUnavailableException("no acknowledgement from Kafka within " + timeout, e);
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
