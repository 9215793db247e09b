package ru.getmark.support.adapter.kafka;

import io.quarkus.arc.Unremovable;
import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.Config;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the Kafka producer's own retries on the intake channels while the connector's are off.
 * <p>
 * The SmallRye Kafka connector reads the channel attribute {@code retries} twice: as its own resend loop around every
 * {@code send} (by default until {@code delivery.timeout.ms} runs out, each attempt again up to {@code max.block.ms}
 * and {@code delivery.timeout.ms}), and as the producer's {@code retries}. An adapter that has stopped waiting for a
 * record tells its channel to deliver the message again (IMAP leaves it unflagged, Telegram re-reads the update, the
 * operator gets a 503); a resend the connector still had in hand would then write the record twice. adapter-support
 * therefore sets {@code mp.messaging.outgoing.intake(-rejected).retries=0} (META-INF/microprofile-config.properties),
 * and this customizer takes that 0 out of the producer's configuration again: the idempotent producer needs retries
 * (Kafka refuses {@code retries=0} with {@code enable.idempotence=true}), and its retries are bounded by
 * {@code delivery.timeout.ms} and never write a record twice. {@link IntakeDeliveryCheck} refuses to start with the
 * connector's retries on.
 */
@ApplicationScoped
@Unremovable
public class IntakeProducerRetries implements ClientCustomizer<Map<String, Object>> {

    /** The outgoing channels of {@link IntakePublisher}. */
    static final Set<String> CHANNELS = Set.of(IntakeDeliveryCheck.INTAKE, IntakeDeliveryCheck.REJECTED);

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        Object retries = config.get(ProducerConfig.RETRIES_CONFIG);
        if (!CHANNELS.contains(channel) || retries == null || !"0".equals(String.valueOf(retries))
                || config.containsKey("group.id")) {
            // not ours, not the connector's "off", or a consumer of a channel of the same name
            return config;
        }
        Map<String, Object> producer = new HashMap<>(config);
        // Kafka's default: retry until delivery.timeout.ms
        producer.remove(ProducerConfig.RETRIES_CONFIG);
        return producer;
    }
}
