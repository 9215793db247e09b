package ru.getmark.support.ticket.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.ticket.testing.Db;
import ru.getmark.support.ticket.testing.Intake;
import ru.getmark.support.ticket.testing.KafkaTopic;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database outage is not the messages' fault: while PostgreSQL refuses the service, intake messages wait (the
 * partition stops) instead of being parked on the dead-letter topic, and are registered once it answers again.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "tickets"))
class DatabaseOutageTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @InjectInfra
    Infra infra;
    @Inject
    DataSource dataSource;
    @Inject
    MeterRegistry registry;

    @AfterEach
    void databaseBack() {
        infra.postgres().acceptConnections(infra.database(), true);
    }

    @Test
    @DisplayName("R5: while the database refuses connections a new request waits, is not dead-lettered, and is "
            + "registered once when the database is back")
    void requestWaitsForTheDatabaseInsteadOfBeingParked() {
        double waitsBefore = registry.counter("getmark.intake.database-waits").count();
        // the outage: no new connection to the service's database, and the open ones are cut
        infra.postgres().acceptConnections(infra.database(), false);

        IntakeMessage request = Intake.request(Intake.newMessageId(), TicketType.SOFTWARE_BUG, null);
        KafkaTopic.send(infra.bootstrapServers(), Topics.INTAKE, request.key(), Json.toBytes(request));

        // the listener found the database gone and is waiting for it (a parked message would not have waited)
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> registry.counter("getmark.intake.database-waits").count() > waitsBefore);

        infra.postgres().acceptConnections(infra.database(), true);

        assertThat(TicketRegistrationTest.awaitTicket(request.messageId()).getString("status")).isEqualTo("new");
        assertThat(Db.count(dataSource, "select count(*) from ticket where message_id = ?", request.messageId()))
                .isEqualTo(1);
        try (KafkaTopic dlq = KafkaTopic.read(infra.bootstrapServers(), Topics.dlq(Topics.INTAKE))) {
            assertThat(dlq.readToEnd(WAIT).seen(r -> request.key().equals(r.key())
                    && new String(r.value(), StandardCharsets.UTF_8).contains(request.messageId())))
                    .as("nothing of the request on the dead-letter topic").isEmpty();
        }
    }
}
