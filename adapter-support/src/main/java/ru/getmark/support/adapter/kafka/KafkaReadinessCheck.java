package ru.getmark.support.adapter.kafka;

import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Ready means a message can be taken: the broker answers and the topics this service writes and reads
 * ({@code getmark.readiness.kafka-topics}) exist. Topics are created explicitly, never auto-created, so a missing one
 * would make every message fail or wait. Bounded by a short timeout so a dead broker makes the probe say DOWN instead
 * of hanging it; Quarkus' own Kafka check waits without a bound.
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private static final int TIMEOUT_MS = 3000;

    private final String bootstrapServers;
    private final List<String> topics;
    private final String clientId;
    private Admin admin;

    KafkaReadinessCheck(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                        ReadinessConfig config,
                        @ConfigProperty(name = "quarkus.application.name", defaultValue = "getmark-adapter")
                        String service) {
        this.bootstrapServers = bootstrapServers;
        this.topics = List.copyOf(config.kafkaTopics());
        this.clientId = service + "-health";
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Kafka")
                .withData("bootstrap.servers", bootstrapServers);
        try {
            Admin client = admin();
            int nodes = client.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).nodes()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
            Set<String> existing = client.listTopics(new ListTopicsOptions().timeoutMs(TIMEOUT_MS)).names()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            List<String> missing = topics.stream().filter(t -> !existing.contains(t)).toList();
            response.withData("brokers", nodes);
            if (!missing.isEmpty()) {
                return response.down().withData("missing topics", String.join(", ", missing)).build();
            }
            return response.up().build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return response.down().withData("error", String.valueOf(e)).build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.CLIENT_ID_CONFIG, clientId,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            try {
                admin.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                Log.debug("closing the Kafka health admin client", e);
            }
        }
    }
}
