package ru.getmark.support.email.messaging;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.email.domain.TicketDirectory;
import ru.getmark.support.email.service.TicketProjection;
import ru.getmark.support.email.support.TicketEvents;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.infra.kafka.TopicReader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The TicketDirectory triage asks is a projection of the real getmark.ticket-events.v1 (consumer group intake-email). */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "email"),
        @ResourceArg(name = "mail", value = "true")})
class TicketProjectionTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @InjectInfra
    Infra infra;

    @Inject
    TicketProjection tickets;

    @Test
    @DisplayName("R4: each event upserts the ticket (customer email as SHA-256, ИНН, closed); a redelivered or older"
            + " event changes nothing; an unreadable one goes to the DLQ and the projection goes on")
    void projectsTicketEvents() {
        String number = Long.toString(800_000 + (System.nanoTime() % 90_000));
        Instant t0 = Instant.parse("2026-11-20T10:00:00Z");
        try (TicketEvents events = new TicketEvents(infra.bootstrapServers())) {
            TicketEvent registered = TicketEvents.event(TicketEventType.REGISTERED, t0,
                    TicketEvents.ticket(number, " Buh@Romashka.RU ", "7707083893", TicketStatus.NEW));
            events.publish(registered);
            await().atMost(WAIT).until(() -> tickets.find(number).isPresent());
            assertThat(tickets.find(number)).contains(new TicketDirectory.KnownTicket(number,
                    TicketDirectory.emailSha256("buh@romashka.ru"), "7707083893", false));

            events.publish(TicketEvents.event(TicketEventType.CLOSED, t0.plusSeconds(3600),
                    TicketEvents.ticket(number, "buh@romashka.ru", "7707083893", TicketStatus.CLOSED)));
            await().atMost(WAIT).until(() -> tickets.find(number).map(TicketDirectory.KnownTicket::closed)
                    .orElse(false));

            // the registration again (redelivery) and an older event: still closed
            events.publish(registered);
            events.publish(TicketEvents.event(TicketEventType.STATUS_CHANGED, t0.plusSeconds(60),
                    TicketEvents.ticket(number, "other@romashka.ru", "7707083893", TicketStatus.IN_PROGRESS)));
            // a poison value, then a marker event behind everything in the same partition: once the marker is applied, all were seen
            events.publishRaw(number, "{not json");
            String marker = number + "1";
            events.publish(number, TicketEvents.event(TicketEventType.REGISTERED, t0,
                    TicketEvents.ticket(marker, null, "500100732259", TicketStatus.NEW)));
            await().atMost(WAIT).until(() -> tickets.find(marker).isPresent());
        }
        Optional<TicketDirectory.KnownTicket> ticket = tickets.find(number);
        assertThat(ticket).get().satisfies(t -> {
            assertThat(t.closed()).isTrue();
            assertThat(t.customerEmailSha256()).isEqualTo(TicketDirectory.emailSha256("buh@romashka.ru"));
        });
        assertThat(tickets.find(number + "1")).get()
                .satisfies(t -> assertThat(t.customerEmailSha256()).isNull());
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                TopicReader.readAll(infra.bootstrapServers(), Topics.dlq(Topics.TICKET_EVENTS)))
                .extracting(ConsumerRecord::value)
                .anySatisfy(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("{not json")));
    }
}
