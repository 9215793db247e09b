package ru.getmark.support.adapter.kafka;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.adapter.kafka.IntakeDeliveryCheck.ChannelSettings;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R1 (nothing lost, nothing doubled): an adapter whose producer could still write a record after the await gave up —
 * and the channel delivered the message again — does not start.
 */
class IntakeDeliveryCheckTest {

    private static final String PREFIX = "mp.messaging.outgoing.intake.";

    @Test
    @DisplayName("connector's resend off, max.block + delivery.timeout below the await → nothing to object to")
    void boundedSettingsPass() {
        ChannelSettings settings = settings(Map.of(PREFIX + "retries", "0", PREFIX + "max.block.ms", "4000",
                PREFIX + "delivery.timeout.ms", "5000"));

        assertThat(settings).isEqualTo(new ChannelSettings("intake", 0, 4000, 5000));
        assertThat(IntakeDeliveryCheck.problems(settings, Duration.ofSeconds(10), "publish-timeout", true)).isEmpty();
    }

    @Test
    @DisplayName("the connector's resend left on (its default) → refused: it would send again after the await")
    void connectorRetriesAreRefused() {
        ChannelSettings settings = settings(Map.of(PREFIX + "max.block.ms", "4000",
                PREFIX + "delivery.timeout.ms", "5000"));

        assertThat(settings.connectorRetries()).isEqualTo(Integer.MAX_VALUE);
        assertThat(IntakeDeliveryCheck.problems(settings, Duration.ofSeconds(10), "publish-timeout", true))
                .singleElement().asString()
                .contains(PREFIX + "retries is 2147483647, must be 0");
    }

    @Test
    @DisplayName("max.block + delivery.timeout reaching the await (5 + 12 s ≥ 15 s) → refused, with both figures")
    void aProducerOutlivingTheAwaitIsRefused() {
        ChannelSettings settings = settings(Map.of(PREFIX + "retries", "0", PREFIX + "max.block.ms", "5000",
                PREFIX + "delivery.timeout.ms", "12000"));

        List<String> problems = IntakeDeliveryCheck.problems(settings, Duration.ofSeconds(15),
                "getmark.intake.publish-timeout", true);

        assertThat(problems).singleElement().asString()
                .contains("5000 + 12000 ms", "getmark.intake.publish-timeout (PT15S)");
        assertThat(IntakeDeliveryCheck.problems(settings, Duration.ofSeconds(17), "p", true))
                .as("equal is not enough: the last try may end just as the await gives up").hasSize(1);
        assertThat(IntakeDeliveryCheck.problems(settings, Duration.ofMillis(17_001), "p", true)).isEmpty();
    }

    @Test
    @DisplayName("a refusal awaited in the background (intake-phone) → only the connector's resend matters")
    void inTheBackgroundOnlyTheResendMatters() {
        ChannelSettings settings = new ChannelSettings("intake-rejected", 0, 10_000, 60_000);
        ChannelSettings resending = new ChannelSettings("intake-rejected", 3, 10_000, 60_000);

        assertThat(IntakeDeliveryCheck.problems(settings, Duration.ofSeconds(5), "p", false)).isEmpty();
        assertThat(IntakeDeliveryCheck.problems(resending, Duration.ofSeconds(5), "p", false)).singleElement()
                .asString().contains("mp.messaging.outgoing.intake-rejected.retries is 3");
    }

    @Test
    @DisplayName("unset on the channel → the kafka.* default every channel inherits, else Kafka's own (60 + 120 s)")
    void defaultsAreThoseTheProducerUses() {
        assertThat(settings(Map.of("kafka.max.block.ms", "3000", "kafka.delivery.timeout.ms", "6000",
                PREFIX + "delivery.timeout.ms", "7000")))
                .isEqualTo(new ChannelSettings("intake", Integer.MAX_VALUE, 3000, 7000));
        assertThat(settings(Map.of()).longestTry()).isEqualTo(Duration.ofSeconds(180));
    }

    private static ChannelSettings settings(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return ChannelSettings.of(config, "intake");
    }
}
