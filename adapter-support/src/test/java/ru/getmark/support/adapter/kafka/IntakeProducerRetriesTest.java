package ru.getmark.support.adapter.kafka;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The connector's {@code retries=0} on the intake channels does not reach their idempotent producers. */
class IntakeProducerRetriesTest {

    private final IntakeProducerRetries customizer = new IntakeProducerRetries();

    @Test
    @DisplayName("intake and intake-rejected producers: retries=0 taken out → Kafka's default (until delivery.timeout)")
    void theIntakeProducersKeepTheirRetries() {
        for (String channel : new String[]{"intake", "intake-rejected"}) {
            Map<String, Object> producer = Map.of("retries", "0", "enable.idempotence", "true", "acks", "all");

            assertThat(customizer.customize(channel, null, producer))
                    .as(channel).doesNotContainKey("retries")
                    .containsEntry("enable.idempotence", "true").containsEntry("acks", "all");
        }
    }

    @Test
    @DisplayName("other channels, other values and consumers are left as configured")
    void everythingElseIsLeftAlone() {
        Map<String, Object> otherChannel = Map.of("retries", "0");
        Map<String, Object> explicit = Map.of("retries", "5");
        Map<String, Object> consumer = Map.of("retries", "0", "group.id", "intake-email");

        assertThat(customizer.customize("channel-outbound", null, otherChannel)).isSameAs(otherChannel);
        assertThat(customizer.customize("intake", null, explicit)).isSameAs(explicit);
        assertThat(customizer.customize("intake", null, consumer)).isSameAs(consumer);
    }
}
