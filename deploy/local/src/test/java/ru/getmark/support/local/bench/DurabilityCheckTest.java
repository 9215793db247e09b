package ru.getmark.support.local.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DurabilityCheckTest {

    @TempDir
    Path dir;

    @Test
    void producersAreReadFromTheConfigurationBlocksOfAServiceLog() throws Exception {
        Path log = dir.resolve("intake-phone.log");
        Files.writeString(log, """
                04:40:27.396 INFO  [ru.ge.su.ad.st.StaffAccountsGuard] (main) Staff accounts configured: 2
                04:40:28.001 INFO  [org.apa.kaf.com.con.AbstractConfig] (main) ConsumerConfig values:\s
                \tauto.offset.reset = earliest
                \tclient.id = kafka-consumer-ticket-events
                04:40:28.101 INFO  [org.apa.kaf.com.con.AbstractConfig] (main) ProducerConfig values:\s
                \tacks = -1
                \tbatch.size = 16384
                \tclient.id = kafka-producer-intake
                \tenable.idempotence = true
                \ttransactional.id = null
                04:40:28.201 INFO  [org.apa.kaf.com.con.AbstractConfig] (main) ProducerConfig values:\s
                \tacks = 1
                \tclient.id = kafka-producer-intake-rejected
                \tenable.idempotence = false
                04:40:29.000 INFO  [io.quarkus] (main) intake-phone started
                """);
        var producers = DurabilityCheck.producers("intake-phone", log);
        assertThat(producers).containsExactly(
                new BenchReport.Producer("intake-phone", "kafka-producer-intake", "-1", "true"),
                new BenchReport.Producer("intake-phone", "kafka-producer-intake-rejected", "1", "false"));
        assertThat(DurabilityCheck.acksAll(producers.get(0))).isTrue();
        assertThat(DurabilityCheck.acksAll(producers.get(1))).as("acks=1 is not durable").isFalse();
    }

    @Test
    void aMissingLogHasNoProducers() {
        assertThat(DurabilityCheck.producers("notifier", dir.resolve("none.log"))).isEmpty();
    }
}
