package ru.getmark.support.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalInfraTest {

    @Test
    @DisplayName("the local stack's infrastructure starts on the given ports with its data under one folder, and stops completely")
    void startAndStop(@TempDir Path dir) throws Exception {
        List<ProcessHandle> postgresProcesses;
        int[] ports = Ports.free(5);
        try (LocalInfra infra = LocalInfra.start(dir, ports[0], ports[1], ports[2], ports[3], ports[4],
                List.of("tickets", "intake_phone"))) {
            assertThat(infra.kafka().dataDir()).isEqualTo(dir.resolve("kafka"));
            assertThat(infra.postgres().dataDir()).isEqualTo(dir.resolve("postgres"));
            assertThat(infra.kafka().port()).isEqualTo(ports[0]);
            assertThat(infra.kafka().controllerPort()).isEqualTo(ports[1]);
            assertThat(infra.postgres().port()).isEqualTo(ports[2]);
            assertThat(infra.mail().smtpPort()).isEqualTo(ports[3]);
            assertThat(infra.mail().imapPort()).isEqualTo(ports[4]);
            try (Admin admin = Admin.create(KafkaBroker.adminConfig(infra.kafka().bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).hasSize(TopicCatalog.all().size());
            }
            for (String db : List.of("tickets", "intake_phone")) {
                try (Connection c = DriverManager.getConnection(infra.postgres().jdbcUrl(db),
                        infra.postgres().username(), infra.postgres().password())) {
                    assertThat(c.isValid(5)).isTrue();
                }
            }
            postgresProcesses = PostgresTest.postmasterAndChildren(dir.resolve("postgres"));
        }
        assertThat(postgresProcesses).noneMatch(ProcessHandle::isAlive);
        assertThat(PostgresTest.pgrep(dir)).isEmpty();
        assertThat(dir.resolve("kafka/log/meta.properties")).exists();
        assertThat(dir.resolve("postgres/PG_VERSION")).exists();
    }
}
