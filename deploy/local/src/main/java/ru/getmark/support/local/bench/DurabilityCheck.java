package ru.getmark.support.local.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the settings that make the figures durable ones, from the running servers rather than from what the code
 * means to set: PostgreSQL's {@code SHOW}, the broker's configuration over the Admin API, and the producer
 * configuration every service logs when it creates a producer (the benchmark raises Kafka's {@code ProducerConfig}
 * logger to INFO for that, see {@link #LOG_PRODUCER_CONFIG}).
 */
final class DurabilityCheck {

    /** The system property that makes a Quarkus service log each producer's configuration. */
    static final Map<String, String> LOG_PRODUCER_CONFIG = Map.of(
            "quarkus.log.category.\"org.apache.kafka.common.config.AbstractConfig\".level", "INFO");

    private static final List<String> POSTGRES = List.of("fsync", "synchronous_commit", "full_page_writes",
            "wal_sync_method");
    private static final List<String> BROKER = List.of("min.insync.replicas", "default.replication.factor",
            "log.flush.interval.messages", "log.flush.interval.ms");

    private DurabilityCheck() {
    }

    static Map<String, String> postgres(String jdbcUrl, String user, String password) {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password);
             Statement show = db.createStatement()) {
            for (String name : POSTGRES) {
                try (ResultSet rs = show.executeQuery("SHOW " + name)) {
                    rs.next();
                    settings.put(name, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read PostgreSQL's settings: " + e.getMessage(), e);
        }
        return settings;
    }

    static boolean postgresDurable(Map<String, String> settings) {
        return "on".equals(settings.get("fsync")) && "on".equals(settings.get("synchronous_commit"));
    }

    static Map<String, String> kafkaBroker(String bootstrapServers, int nodeId) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(nodeId));
            Config config = admin.describeConfigs(List.of(broker)).all().get(30, TimeUnit.SECONDS).get(broker);
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("brokers", Integer.toString(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size()));
            for (String name : BROKER) {
                ConfigEntry entry = config.get(name);
                settings.put(name, entry == null ? "?" : entry.value() == null ? "unset" : entry.value());
            }
            return settings;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the broker's configuration: " + e, e);
        }
    }

    /**
     * The producers a service created, from the "ProducerConfig values:" blocks of its log (one line per setting,
     * indented with a tab).
     */
    static List<BenchReport.Producer> producers(String service, Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
        List<BenchReport.Producer> producers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).contains("ProducerConfig values:")) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            int j = i + 1;
            for (; j < lines.size() && lines.get(j).startsWith("\t"); j++) {
                String line = lines.get(j).strip();
                int eq = line.indexOf(" = ");
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 3));
                } else if (line.endsWith(" =")) {
                    values.put(line.substring(0, line.length() - 2), "");
                }
            }
            producers.add(new BenchReport.Producer(service, values.getOrDefault("client.id", "?"),
                    values.getOrDefault("acks", "?"), values.getOrDefault("enable.idempotence", "?")));
            i = j - 1;
        }
        return producers;
    }

    /**
     * A producer SmallRye creates for a channel's {@code dead-letter-queue} failure strategy (client id
     * {@code kafka-dead-letter-topic-producer-…}): only poison messages travel through it.
     */
    static boolean deadLetter(BenchReport.Producer producer) {
        return producer.clientId().startsWith("kafka-dead-letter-topic-producer");
    }

    static boolean acksAll(BenchReport.Producer producer) {
        return producer.acks().equals("-1") || producer.acks().equalsIgnoreCase("all");
    }
}
