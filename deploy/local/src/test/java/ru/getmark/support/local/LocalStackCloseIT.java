package ru.getmark.support.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Ctrl-C while the stack starts: the shutdown hook closes a stack whose start is still under way (the benchmark and
 * {@code ./getmark up} hand it to the hook before starting). The start gives up at its next step and nothing it
 * launched keeps running — before, PostgreSQL started in the moment of the Ctrl-C was left behind.
 */
class LocalStackCloseIT {

    @TempDir
    Path dir;

    private final Path home = Path.of(System.getProperty("getmark.home", "../..")).toAbsolutePath().normalize();
    private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void aStackClosedBeforeItsStartStartsNothing() {
        LocalStack.Config config = LocalStack.Config.freePorts(home, dir.resolve("data"));

        assertThatThrownBy(() -> LocalStack.startInfrastructure(config, out, LocalStack::close))
                .hasMessageContaining("stopping");

        assertThat(listening(config.kafkaPort())).isFalse();
        assertThat(listening(config.postgresPort())).isFalse();
    }

    @Test
    void closingDuringTheStartStopsWhatWasAlreadyLaunched() throws Exception {
        LocalStack.Config config = LocalStack.Config.freePorts(home, dir.resolve("data"));
        AtomicReference<Thread> closer = new AtomicReference<>();

        // as the shutdown hook would: close as soon as Kafka is up, while PostgreSQL and the rest are still to come
        assertThatThrownBy(() -> LocalStack.startInfrastructure(config, out, stack -> {
            Thread t = new Thread(() -> {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> listening(config.kafkaPort()));
                stack.close();
            }, "test-closer");
            t.start();
            closer.set(t);
        })).hasMessageContaining("stopping");
        closer.get().join(Duration.ofSeconds(60).toMillis());

        assertThat(closer.get().isAlive()).isFalse();
        assertThat(listening(config.kafkaPort())).isFalse();
        assertThat(listening(config.postgresPort())).isFalse();
        assertThat(listening(config.smtpPort())).isFalse();
        String data = dir.toString();
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(data))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList())
                .as("processes with the stack's data folder").isEmpty();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
