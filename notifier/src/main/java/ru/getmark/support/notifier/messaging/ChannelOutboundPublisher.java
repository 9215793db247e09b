package ru.getmark.support.notifier.messaging;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import ru.getmark.support.common.event.ChannelNotice;
import ru.getmark.support.notifier.config.DeliveryConfig;
import ru.getmark.support.notifier.domain.DeliveryFailure;

/**
 * Publishes chat notices to {@code getmark.channel-outbound.v1} (key = {@link ChannelNotice#key()}, one chat's
 * notices in one partition, in order) for intake-telegram and intake-whatsapp to deliver. The producer is idempotent
 * with {@code acks=all}; a notice counts as delivered once Kafka acknowledged it.
 */
@ApplicationScoped
public class ChannelOutboundPublisher {

    private final MutinyEmitter<ChannelNotice> emitter;
    private final DeliveryConfig config;

    public ChannelOutboundPublisher(@Channel("channel-outbound") MutinyEmitter<ChannelNotice> emitter,
                                    DeliveryConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    /**
     * Publishes and waits for Kafka's acknowledgement.
     *
     * @throws DeliveryFailure (transient) when Kafka did not acknowledge within {@code getmark.delivery.publish-timeout}
     */
    public void publish(ChannelNotice notice) {
        Message<ChannelNotice> message = Message.of(notice).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(notice.key()).build());
        try {
            emitter.sendMessage(message).await().atMost(config.publishTimeout());
        } catch (RuntimeException e) {
            throw new DeliveryFailure("Kafka did not acknowledge the " + notice.notice() + " chat notice "
                    + notice.noticeId(), e, false);
        }
    }
}
