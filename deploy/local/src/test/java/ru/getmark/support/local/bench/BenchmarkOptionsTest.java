package ru.getmark.support.local.bench;

import org.junit.jupiter.api.Test;
import ru.getmark.support.local.LocalStack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkOptionsTest {

    @Test
    void theDefaultsAreThoseOfTheIssue() {
        Benchmark.Options o = Benchmark.parse(new String[0]);
        assertThat(o.n()).isEqualTo(100_000);
        assertThat(o.rate()).isEqualTo(20);
        assertThat(o.seconds()).isEqualTo(60);
        assertThat(o.notifySeconds()).isEqualTo(60);
        assertThat(o.jvmFlags()).isEqualTo(LocalStack.DEFAULT_JVM_FLAGS);
        BenchReport.Settings s = o.settings();
        assertThat(s.customers()).isEqualTo(25_000);
        // 600 warm-up requests at the same rate (30 s) before the measured window: the stack was just started
        assertThat(o.warmup()).isEqualTo(600);
        // 1 200 requests + 600 warm-up: 901 emails at most 15 per mailbox, below intake-email's flood limit of 20
        assertThat(s.mailboxes()).isEqualTo(61);
        assertThat(o.command()).isEqualTo("./getmark bench");
        assertThat(o.classArchives()).as("starts use class-data archives").isTrue();
    }

    @Test
    void archivesCanBeSwitchedOffAndTheCsvGoesNextToTheJson() {
        assertThat(Benchmark.parse(new String[] {"--no-class-archives"}).classArchives()).isFalse();
        assertThat(Benchmark.Options.csvNextTo(java.nio.file.Path.of("/tmp/b/bench-1.json")))
                .isEqualTo(java.nio.file.Path.of("/tmp/b/bench-1.requests.csv"));
        assertThat(Benchmark.Options.csvNextTo(java.nio.file.Path.of("/tmp/b/out")))
                .isEqualTo(java.nio.file.Path.of("/tmp/b/out.requests.csv"));
    }

    @Test
    void optionsOverrideThem() {
        Benchmark.Options o = Benchmark.parse(new String[] {"--n", "300", "--rate", "4", "--seconds", "5",
                "--notify-seconds", "5", "--out", "x.json", "--jvm-flags", "-Xmx128m  -XX:+UseSerialGC",
                "--keep-data", "--warmup", "0"});
        assertThat(o.n()).isEqualTo(300);
        assertThat(o.settings().mailboxes()).as("the asked 20 are enough").isEqualTo(20);
        assertThat(o.settings().customers()).isEqualTo(75);
        assertThat(o.jvmFlags()).containsExactly("-Xmx128m", "-XX:+UseSerialGC");
        assertThat(o.keepData()).isTrue();
        assertThat(o.warmup()).isZero();
        assertThat(o.out().isAbsolute()).isTrue();
        assertThat(o.out().getFileName().toString()).isEqualTo("x.json");
        assertThat(o.command()).contains("--jvm-flags \"-Xmx128m  -XX:+UseSerialGC\"");
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> Benchmark.parse(new String[] {"--n", "0"})).hasMessageContaining("positive");
        assertThatThrownBy(() -> Benchmark.parse(new String[] {"--rate", "fast"})).hasMessageContaining("number");
        assertThatThrownBy(() -> Benchmark.parse(new String[] {"--seconds"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Benchmark.parse(new String[] {"--speed", "1"})).hasMessageContaining("unknown");
    }
}
