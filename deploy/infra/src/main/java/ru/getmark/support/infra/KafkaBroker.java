package ru.getmark.support.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real Apache Kafka 4.1 broker in KRaft combined mode (one node that is both broker and controller), running in
 * this JVM from the Maven Central jars.
 * <p>
 * The same class serves the services' tests (a temporary directory, free ports) and the local stack (a persistent
 * directory, fixed ports): the storage is formatted only when the directory does not hold a formatted log yet, so
 * a restarted local stack keeps its topics, offsets and messages.
 * <p>
 * Topics are never created by accident: {@code auto.create.topics.enable=false}; {@link TopicSetup} creates them.
 * <p>
 * Kafka's own fatal-error paths end in {@code Exit.exit}/{@code Exit.halt}, which would kill the whole JVM (a test
 * run, the local launcher). They are redirected to an exception and an error log instead: the broker is then
 * broken, but the process that hosts it decides what to do.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);

    /** The broker's id; it is also the single voter of the controller quorum. */
    public static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final KafkaRaftServer server;
    private boolean closed;

    private KafkaBroker(Path dataDir, int port, int controllerPort, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.server = server;
    }

    /**
     * Starts a broker and returns once it answers admin requests.
     *
     * @param dataDir        where the log lives (created when missing; formatted only when not formatted yet)
     * @param port           the client listener port, 0 = a free port
     * @param controllerPort the controller listener port, 0 = a free port
     */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort) {
        KafkaLogging.quietBroker();
        neverExitTheJvm();
        int[] free = Ports.free(2);
        int clientPort = port == 0 ? free[0] : Ports.orFree(port);
        int quorumPort = controllerPort == 0 ? free[1] : Ports.orFree(controllerPort);
        if (clientPort == quorumPort) {
            throw new IllegalArgumentException("Kafka client and controller ports must differ: " + clientPort);
        }
        Path root = dataDir.toAbsolutePath();
        Path logDir = root.resolve("log");
        long started = System.nanoTime();
        try {
            Files.createDirectories(logDir);
            Properties props = serverProperties(logDir, clientPort, quorumPort);
            Path configFile = root.resolve("server.properties");
            writeProperties(props, configFile);
            formatIfNeeded(logDir, configFile);

            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            KafkaBroker broker = new KafkaBroker(root, clientPort, quorumPort, server);
            try {
                server.startup();
                broker.awaitReady();
            } catch (RuntimeException | Error e) {
                broker.close();
                throw e;
            }
            LOG.info("Kafka broker ready on {} (data in {}) after {} ms", broker.bootstrapServers(), root,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the Kafka data directory " + root, e);
        }
    }

    /**
     * The broker configuration. Every replication setting is 1 because there is one broker; the settings that
     * matter for behaviour (no auto-created topics, no rebalance delay) are the ones production would also want
     * in tests.
     */
    static Properties serverProperties(Path logDir, int port, int controllerPort) {
        Map<String, String> p = new TreeMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        // A static single-voter quorum: the voter's address is read from this configuration on every start, so a
        // persistent directory survives a change of the controller port.
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("log.dirs", logDir.toString());

        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "10");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The log cleaner (compacted __consumer_offsets) would otherwise take 128 MiB of heap in every test JVM.
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        Properties props = new Properties();
        props.putAll(p);
        return props;
    }

    private static void writeProperties(Properties props, Path file) throws IOException {
        StringBuilder text = new StringBuilder("# Written by ru.getmark.support.infra.KafkaBroker on every start.\n");
        new TreeMap<>(props).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Formats the log directory like {@code kafka-storage.sh format}, unless it is formatted already. */
    private static void formatIfNeeded(Path logDir, Path configFile) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            LOG.debug("Kafka log directory {} is formatted already", logDir);
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(new String[] {
                    "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", configFile.toString(),
                    "--ignore-formatted" }, out);
        } catch (Exception e) {
            throw new IllegalStateException("Could not format the Kafka log directory " + logDir + ": "
                    + e.getMessage() + "\n" + output.toString(StandardCharsets.UTF_8), e);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("Formatting the Kafka log directory " + logDir + " failed (" + exitCode
                    + "):\n" + output.toString(StandardCharsets.UTF_8));
        }
        LOG.debug("Formatted {}: {}", logDir, output.toString(StandardCharsets.UTF_8).trim());
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(adminConfig(bootstrapServers()))) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        admin.listTopics().names().get(5, TimeUnit.SECONDS);
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
                }
                sleepQuietly(100);
            }
        }
        throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " did not answer admin requests within "
                + READY_TIMEOUT.toSeconds() + " s", last);
    }

    static Map<String, Object> adminConfig(String bootstrapServers) {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000,
                AdminClientConfig.CLIENT_ID_CONFIG, "getmark-infra-admin");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Kafka calls {@code Exit.exit}/{@code Exit.halt} on fatal errors (for example a metadata log it cannot write).
     * In a shared JVM that would end the test run or the local launcher without a word; log and throw instead.
     */
    private static synchronized void neverExitTheJvm() {
        Exit.setExitProcedure((code, message) -> {
            LOG.error("Kafka asked to exit the JVM with status {}: {} (refused; the broker is likely unusable)",
                    code, message);
            throw new IllegalStateException("Kafka requested exit(" + code + "): " + message);
        });
        Exit.setHaltProcedure((code, message) -> {
            LOG.error("Kafka asked to halt the JVM with status {}: {} (refused; the broker is likely unusable)",
                    code, message);
            throw new IllegalStateException("Kafka requested halt(" + code + "): " + message);
        });
    }

    /** {@code host:port} of the client listener, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    /** The directory given to {@link #start}; the Kafka log is in its {@code log} sub-directory. */
    public Path dataDir() {
        return dataDir;
    }

    /** Shuts the broker down cleanly (controlled shutdown, logs flushed) and waits until it has stopped. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        try {
            server.shutdown();
        } finally {
            server.awaitShutdown();
        }
        LOG.info("Kafka broker on {} stopped after {} ms", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + ", " + dataDir + "]";
    }
}
