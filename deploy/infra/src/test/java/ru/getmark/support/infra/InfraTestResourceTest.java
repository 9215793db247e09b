package ru.getmark.support.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager.TestInjector;

/**
 * Drives {@link InfraTestResource} the way Quarkus does (init, start, inject, stop), without an application.
 */
class InfraTestResourceTest {

    static class FakeTest {
        @InjectInfra
        Infra infra;
        Infra notAnnotated;
    }

    @AfterEach
    void stopEverything() {
        System.clearProperty(SharedInfra.LINGER_PROPERTY);
        SharedInfra.stopAll();
    }

    @Test
    @DisplayName("Kafka with every topic, the database and the mail server are configured, injected, shared by two "
            + "test classes, and all stopped when the last one stops")
    void startsConfiguresSharesAndStops() throws Exception {
        InfraTestResource first = new InfraTestResource();
        first.init(Map.of("database", "tickets", "mail", "true"));
        Map<String, String> config = first.start();
        FakeTest test = new FakeTest();
        first.inject(injectorFor(test));

        assertThat(config).containsOnlyKeys("kafka.bootstrap.servers", "quarkus.datasource.jdbc.url",
                "quarkus.datasource.username", "quarkus.datasource.password", "getmark.mail.smtp.host",
                "getmark.mail.smtp.port", "getmark.mail.imap.port");
        assertThat(test.infra).isNotNull();
        assertThat(test.notAnnotated).isNull();
        assertThat(test.infra.bootstrapServers()).isEqualTo(config.get("kafka.bootstrap.servers"));
        assertThat(config.get("quarkus.datasource.jdbc.url")).endsWith("/tickets").isEqualTo(test.infra.jdbcUrl());
        assertThat(config.get("getmark.mail.smtp.host")).isEqualTo("127.0.0.1");
        assertThat(config.get("getmark.mail.smtp.port")).isEqualTo(Integer.toString(test.infra.mail().smtpPort()));
        assertThat(config.get("getmark.mail.imap.port")).isEqualTo(Integer.toString(test.infra.mail().imapPort()));

        try (Admin admin = Admin.create(KafkaBroker.adminConfig(config.get("kafka.bootstrap.servers")))) {
            Set<String> topics = admin.listTopics().names().get();
            assertThat(topics).containsAll(TopicCatalog.all().stream().map(TopicCatalog.TopicSpec::name).toList());
        }
        try (Connection c = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_database()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("tickets");
        }

        // a second test class asking for Kafka only: the same broker, no datasource keys, no PostgreSQL handle
        InfraTestResource second = new InfraTestResource();
        second.init(Map.of());
        Map<String, String> kafkaOnly = second.start();
        FakeTest other = new FakeTest();
        second.inject(injectorFor(other));
        assertThat(kafkaOnly).containsOnlyKeys("kafka.bootstrap.servers");
        assertThat(kafkaOnly.get("kafka.bootstrap.servers")).isEqualTo(config.get("kafka.bootstrap.servers"));
        assertThatThrownBy(other.infra::postgres).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("database");
        assertThatThrownBy(other.infra::mail).isInstanceOf(IllegalStateException.class);

        // the first user leaving stops nothing
        Path pgData = test.infra.postgres().dataDir();
        Path kafkaData = Path.of(SharedInfra.kafkaDataDir());
        List<ProcessHandle> postgresProcesses = PostgresTest.postmasterAndChildren(pgData);
        first.stop();
        assertThat(postgresProcesses.get(0).isAlive()).as("the postmaster still runs").isTrue();
        assertThat(SharedInfra.kafka()).isEqualTo(config.get("kafka.bootstrap.servers"));
        assertThat(test.infra.mail().isRunning()).as("the mail server is the first class's only").isFalse();

        // the last one leaving (no linger) stops everything: no PostgreSQL process, no temporary data
        System.setProperty(SharedInfra.LINGER_PROPERTY, "0");
        second.stop();
        assertThat(postgresProcesses).noneMatch(ProcessHandle::isAlive);
        assertThat(PostgresTest.pgrep(pgData)).isEmpty();
        assertThat(pgData).doesNotExist();
        assertThat(kafkaData).doesNotExist();
        assertThat(SharedInfra.kafkaDataDir()).isNull();
    }

    private static TestInjector injectorFor(Object testInstance) {
        return (value, predicate) -> {
            for (Field field : testInstance.getClass().getDeclaredFields()) {
                if (predicate.test(field)) {
                    try {
                        field.setAccessible(true);
                        field.set(testInstance, value);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
    }
}
