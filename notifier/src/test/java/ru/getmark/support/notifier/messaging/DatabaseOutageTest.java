package ru.getmark.support.notifier.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.notifier.support.DeadLetters;
import ru.getmark.support.notifier.support.Mailboxes;
import ru.getmark.support.notifier.support.PublishingTest;
import ru.getmark.support.notifier.support.TestEvents;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database outage is not the events' fault: while PostgreSQL refuses the notifier, an event whose notice cannot be
 * recorded waits (its partition stops) instead of being parked on the dead-letter topic, and its notice is recorded
 * and sent once the database answers again.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "notifier"),
        @ResourceArg(name = "mail", value = "true")})
class DatabaseOutageTest extends PublishingTest {

    @Inject
    MeterRegistry registry;

    @AfterEach
    void databaseBack() {
        infra.postgres().acceptConnections(infra.database(), true);
    }

    @Test
    @DisplayName("R2/R20: while the database refuses connections a registration event waits, is not dead-lettered,"
            + " and its email is sent once when the database is back")
    void eventWaitsForTheDatabaseInsteadOfBeingParked() {
        double waitsBefore = registry.counter("getmark.notices.database-waits").count();
        infra.postgres().acceptConnections(infra.database(), false);

        String email = TestEvents.uniqueEmail("outage");
        TicketEvent registered = TestEvents.registered(TestEvents.uniqueNumber(), "ООО «Перебой»", email);
        publisher.publish(registered);

        // the listener found the database gone and waits for it (a parked event would not have waited)
        await().atMost(WAIT.multipliedBy(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> registry.counter("getmark.notices.database-waits").count() > waitsBefore);

        infra.postgres().acceptConnections(infra.database(), true);

        await().atMost(WAIT.multipliedBy(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> Mailboxes.countTo(infra.mail().greenMail(), email) >= 1);
        assertThat(Mailboxes.countTo(infra.mail().greenMail(), email)).isEqualTo(1);
        assertThat(DeadLetters.ofEvent(infra.bootstrapServers(), registered.eventId()))
                .as("the event on the dead-letter topic").isEmpty();
    }
}
