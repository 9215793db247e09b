package ru.getmark.support.notifier.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.notifier.config.DeliveryConfig;
import ru.getmark.support.notifier.domain.DeliveryFailure;
import ru.getmark.support.notifier.domain.NoticeDelivery;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Parks a notice the notifier gave up on: the ticket event that caused it goes to
 * {@code getmark.ticket-events.v1.dlq} as it came (key = ticket number), with headers that say which notice failed,
 * on which medium, why (masked) and after how many attempts, so that operations see it where they watch every other
 * poison message. The connector's own dead-lettering of unreadable values uses the same topic with
 * {@code dead-letter-reason} and {@code dead-letter-topic}; these records carry those too.
 * <p>
 * The delivery row stays PARKED and keeps the once-only key, so replaying the record onto the main topic sends
 * nothing (the rule is per event and notice, whatever became of it). To send a parked notice after fixing the cause,
 * put its row back: {@code UPDATE notice_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = now()
 * WHERE id = …}; the next sweep sends it.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    public static final String TOPIC = Topics.dlq(Topics.TICKET_EVENTS);
    public static final String REASON = "dead-letter-reason";
    public static final String SOURCE_TOPIC = "dead-letter-topic";
    public static final String NOTICE = "dead-letter-notice";
    public static final String MEDIUM = "dead-letter-medium";
    public static final String NOTICE_ID = "dead-letter-notice-id";
    public static final String ATTEMPTS = "dead-letter-attempts";

    private final MutinyEmitter<byte[]> emitter;
    private final DeliveryConfig config;

    public DeadLetterPublisher(@Channel("ticket-events-dlq") MutinyEmitter<byte[]> emitter, DeliveryConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    /**
     * Publishes the delivery's event with the reason and waits for Kafka's acknowledgement.
     *
     * @throws DeliveryFailure when Kafka did not take it (the delivery then stays PENDING and parking is tried again)
     */
    public void park(NoticeDelivery delivery, String reason) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(delivery.ticketNumber)
                .withHeaders(List.of(
                        header(REASON, reason == null ? "unknown" : reason),
                        header(SOURCE_TOPIC, Topics.TICKET_EVENTS),
                        header(NOTICE, delivery.notice),
                        header(MEDIUM, delivery.medium.label()),
                        header(NOTICE_ID, delivery.noticeId),
                        header(ATTEMPTS, Integer.toString(delivery.attempts))))
                .build();
        Message<byte[]> message = Message.of(delivery.eventJson.getBytes(StandardCharsets.UTF_8))
                .addMetadata(metadata);
        try {
            emitter.sendMessage(message).await().atMost(config.publishTimeout());
        } catch (RuntimeException e) {
            throw new DeliveryFailure("Kafka did not take the parked event " + delivery.eventId, e, false);
        }
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
