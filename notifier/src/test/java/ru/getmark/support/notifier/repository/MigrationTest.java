package ru.getmark.support.notifier.repository;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.notifier.domain.EmailAddresses;
import ru.getmark.support.notifier.domain.Medium;
import ru.getmark.support.notifier.domain.Recipients;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The V2 migration on real PostgreSQL, in a schema of its own: the emails a notifier of the first slice recorded in
 * {@code sent_notice} become SENT deliveries with the same once-only key, so a replay after the upgrade sends none of
 * them again; and the constraints refuse what the delivery worker could not send.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "notifier"),
        @ResourceArg(name = "mail", value = "true")})
class MigrationTest {

    @Inject
    DataSource dataSource;

    @Test
    @DisplayName("R5: V2 keeps the history of sent_notice as SENT email deliveries with the same once-only key")
    void sentNoticeHistoryBecomesSentDeliveries() throws SQLException {
        String schema = "migration_" + Long.toString(System.nanoTime(), 36);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            try {
                s.execute("SET search_path TO " + schema);
                s.execute(sql("V1__sent_notice.sql"));
                s.execute("INSERT INTO sent_notice VALUES ('ev-1', 'registration', '1042', '"
                        + EmailAddresses.hash("Ivan@Example.ru") + "', '<notice.registration.ev-1@getmark.ru>',"
                        + " '2026-11-20T10:00:00Z')");
                s.execute(sql("V2__notice_delivery.sql"));

                try (ResultSet r = s.executeQuery("SELECT * FROM notice_delivery")) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getString("event_id")).isEqualTo("ev-1");
                    assertThat(r.getString("notice")).isEqualTo("registration");
                    assertThat(r.getString("medium")).isEqualTo("EMAIL");
                    assertThat(r.getString("recipient")).isNull();
                    assertThat(r.getString("recipient_key"))
                            .isEqualTo(Recipients.key(Medium.EMAIL, "ivan@example.ru"));
                    assertThat(r.getString("status")).isEqualTo("SENT");
                    assertThat(r.getString("notice_id")).isEqualTo("<notice.registration.ev-1@getmark.ru>");
                    assertThat(r.getTimestamp("sent_at").toInstant()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
                    assertThat(r.next()).isFalse();
                }
                try (ResultSet r = s.executeQuery("SELECT to_regclass('sent_notice') IS NULL")) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getBoolean(1)).as("sent_notice is gone").isTrue();
                }
                // The same notice of the same event to the same address is not recorded again.
                assertThat(s.executeUpdate(insert("'" + Recipients.key(Medium.EMAIL, "ivan@example.ru") + "'",
                        "'{}'", "'{}'") + " ON CONFLICT (event_id, notice, medium, recipient_key) DO NOTHING"))
                        .isZero();
                // A pending delivery without its payload or event could never be sent or parked.
                assertThatThrownBy(() -> s.executeUpdate(insert("'other'", "NULL", "'{}'")))
                        .hasMessageContaining("notice_delivery_pending_is_complete");
            } finally {
                s.execute("SET search_path TO public");
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static String insert(String recipientKey, String payload, String event) {
        return "INSERT INTO notice_delivery (event_id, notice, medium, recipient, recipient_key, ticket_number,"
                + " notice_id, payload, event_json, status, next_attempt_at, created_at) VALUES ('ev-1',"
                + " 'registration', 'EMAIL', 'ivan@example.ru', " + recipientKey + ", '1042', '<id@getmark.ru>', "
                + payload + ", " + event + ", 'PENDING', now(), now())";
    }

    private static String sql(String file) {
        try (InputStream in = MigrationTest.class.getClassLoader().getResourceAsStream("db/migration/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
