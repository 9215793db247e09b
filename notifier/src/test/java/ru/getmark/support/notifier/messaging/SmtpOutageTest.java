package ru.getmark.support.notifier.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.notifier.repository.SentNoticeRepository;
import ru.getmark.support.notifier.support.DeadLetters;
import ru.getmark.support.notifier.support.EventPublisher;
import ru.getmark.support.notifier.support.Mailboxes;
import ru.getmark.support.notifier.support.TestEvents;

import java.time.Duration;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mail server is down: the event must not be acknowledged as done. For now (issue 2) it is nacked and parked on
 * the DLQ with the reason, nothing is recorded as sent, and the consumer goes on with the next events.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "notifier"),
        @ResourceArg(name = "mail", value = "true")})
class SmtpOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectInfra
    Infra infra;

    @Inject
    SentNoticeRepository sentNotices;

    @Test
    @DisplayName("R20: an SMTP failure parks the event on the DLQ, records nothing, and the consumer goes on")
    void smtpDownEventIsParkedNotLost() {
        String number = TestEvents.uniqueNumber();
        String email = TestEvents.uniqueEmail("outage");
        TicketEvent event = TestEvents.registered(number, "ООО «Дельта»", email);

        try (EventPublisher publisher = new EventPublisher(infra.bootstrapServers())) {
            infra.mail().stopSmtp();
            try {
                publisher.publish(event);
                ConsumerRecord<String, byte[]> parked = await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                        .until(() -> findParked(event.eventId()), Optional::isPresent).orElseThrow();
                String reason = DeadLetters.header(parked, "dead-letter-reason");
                assertThat(reason).contains("did not take the registration notice")
                        .contains("<notice.registration." + event.eventId() + "@getmark.ru>")
                        .doesNotContain(email);
                assertThat(parked.key()).isEqualTo(number);
            } finally {
                infra.mail().restartSmtp();
            }
            assertThat(QuarkusTransaction.requiringNew().call(() -> sentNotices.countByEvent(event.eventId())))
                    .as("a failed send leaves no claim behind")
                    .isZero();
            assertThat(given().when().get("/q/metrics").then().statusCode(200).extract().asString())
                    .containsPattern("getmark_notices_failed_total\\{[^}]*notice=\"registration\"[^}]*} [1-9]");

            // The consumer did not stop: the next event of the same ticket (same partition) is delivered.
            String marker = TestEvents.uniqueEmail("marker");
            publisher.publish(TestEvents.registered(number, "Маркер", marker));
            await().atMost(WAIT).until(() -> Mailboxes.countTo(infra.mail().greenMail(), marker) == 1);
            assertThat(Mailboxes.countTo(infra.mail().greenMail(), email)).isZero();
        }
    }

    private Optional<ConsumerRecord<String, byte[]>> findParked(String eventId) {
        return DeadLetters.readAll(infra.bootstrapServers()).stream()
                .filter(r -> r.value() != null && r.value().length > 0 && r.value()[0] == '{')
                .filter(r -> {
                    try {
                        return eventId.equals(Json.fromBytes(r.value(), TicketEvent.class).eventId());
                    } catch (RuntimeException notAnEvent) {
                        return false;
                    }
                })
                .findFirst();
    }
}
