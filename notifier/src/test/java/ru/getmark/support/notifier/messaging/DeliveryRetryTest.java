package ru.getmark.support.notifier.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventData;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.notifier.domain.DeliveryStatus;
import ru.getmark.support.notifier.domain.NoticeDelivery;
import ru.getmark.support.notifier.repository.NoticeDeliveryRepository;
import ru.getmark.support.notifier.service.DeliveryWorker;
import ru.getmark.support.notifier.support.DeadLetters;
import ru.getmark.support.notifier.support.PublishingTest;
import ru.getmark.support.notifier.support.Mailboxes;
import ru.getmark.support.notifier.support.TestEvents;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retry with backoff out of the consumer (R20, ARCHITECTURE "reliability"): the mail server stopped and started
 * again with GreenMail's real SMTP listener, a failing ticket next to a healthy one, the order of one ticket's
 * notices, and an address the server can never take. Test profile: backoff 100 ms ×2 up to 1 s, 9 attempts.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "notifier"),
        @ResourceArg(name = "mail", value = "true")})
class DeliveryRetryTest extends PublishingTest {

    @Inject
    NoticeDeliveryRepository deliveries;

    @Inject
    EntityManager entityManager;

    @Inject
    DeliveryWorker worker;

    /** A test that stopped the mail server leaves it running for the next one. */
    @AfterEach
    void restartSmtp() {
        infra.mail().restartSmtp();
    }

    @Test
    @DisplayName("R20: SMTP down while events of two tickets arrive → retried with backoff, counted, pending; SMTP"
            + " back → each email arrives exactly once")
    void r20SmtpOutageRetriedThenDeliveredOnce() {
        String first = TestEvents.uniqueNumber();
        String second = TestEvents.uniqueNumber();
        String firstEmail = TestEvents.uniqueEmail("outage-a");
        String secondEmail = TestEvents.uniqueEmail("outage-b");
        TicketEvent a = TestEvents.registered(first, "ООО «Дельта»", firstEmail);
        TicketEvent b = TestEvents.registered(second, "ООО «Эпсилон»", secondEmail);
        double retriesBefore = sum("getmark_notices_retries_total", "registration", "email");

        infra.mail().stopSmtp();
        publisher.publish(a);
        publisher.publish(b);
        // Both are retried, not parked, and the consumer acknowledged them (they are in the table).
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(row(a)).satisfies(d -> {
                assertThat(d.status).isEqualTo(DeliveryStatus.PENDING);
                assertThat(d.attempts).isGreaterThanOrEqualTo(2);
            });
            assertThat(row(b).attempts).isGreaterThanOrEqualTo(2);
        });
        NoticeDelivery failing = row(a);
        assertThat(failing.lastError).contains("did not take the registration notice").doesNotContain(firstEmail);
        assertThat(failing.nextAttemptAt).isAfter(failing.createdAt);
        String metrics = metrics();
        assertThat(sum(metrics, "getmark_notices_retries_total", "registration", "email") - retriesBefore)
                .isGreaterThanOrEqualTo(4);
        assertThat(gauge(metrics, "getmark_notices_pending")).isGreaterThanOrEqualTo(2);
        assertThat(Mailboxes.countTo(infra.mail().greenMail(), firstEmail)).isZero();

        infra.mail().restartSmtp();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(row(a).status).isEqualTo(DeliveryStatus.SENT);
            assertThat(row(b).status).isEqualTo(DeliveryStatus.SENT);
        });
        assertThat(Mailboxes.countWithMessageId(infra.mail().greenMail(), row(a).noticeId)).isEqualTo(1);
        assertThat(Mailboxes.countWithMessageId(infra.mail().greenMail(), row(b).noticeId)).isEqualTo(1);
        assertThat(Mailboxes.readOverImap(infra.mail().imapPort(), firstEmail)).hasSize(1);
        assertThat(Mailboxes.readOverImap(infra.mail().imapPort(), secondEmail)).hasSize(1);
        assertThat(row(a).lastError).isNull();
        assertThat(DeadLetters.ofEvent(infra.bootstrapServers(), a.eventId())).isEmpty();
    }

    @Test
    @DisplayName("R20: a ticket whose notice waits for a retry holds back neither another ticket nor itself out of"
            + " order: its later notice waits behind the earlier one, the other ticket's goes at once")
    void r20FailingTicketDoesNotHoldBackOthersAndKeepsItsOrder() {
        String slow = TestEvents.uniqueNumber();
        String other = TestEvents.uniqueNumber();
        String slowEmail = TestEvents.uniqueEmail("slow");
        String otherEmail = TestEvents.uniqueEmail("other");
        TicketEvent registration = TestEvents.registered(slow, "ООО «Медленно»", slowEmail);
        TicketEvent request = TestEvents.withData(TestEvents.event(TicketEventType.INFORMATION_REQUESTED, slow,
                "ООО «Медленно»", slowEmail, Priority.MEDIUM, null), new TicketEventData("operator",
                TicketStatus.IN_PROGRESS, "Уточните версию ПО.", null, null, null, null, null, null));
        TicketEvent otherRegistration = TestEvents.registered(other, "ООО «Быстро»", otherEmail);

        // The slow ticket's registration fails once for real, then its next attempt is an hour away.
        infra.mail().stopSmtp();
        publisher.publish(registration);
        // rows(...) and not row(...): the row is written by the consumer a moment after the publish, and an
        // assertion failing inside until() would end the wait at once instead of polling again.
        await().atMost(WAIT).until(() -> rows(registration).stream().anyMatch(r -> r.attempts >= 1));
        postpone(registration, Instant.now().plus(1, ChronoUnit.HOURS));
        infra.mail().restartSmtp();

        publisher.publish(request);
        publisher.publish(otherRegistration);
        await().atMost(WAIT).until(() -> Mailboxes.countTo(infra.mail().greenMail(), otherEmail) == 1);
        // The information request is recorded and due, yet never tried while the registration is pending.
        await().atMost(WAIT).until(() -> !rows(request).isEmpty());
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() ->
                row(request).attempts == 0 && row(request).status == DeliveryStatus.PENDING
                        && Mailboxes.countTo(infra.mail().greenMail(), slowEmail) == 0);

        postpone(registration, Instant.now());
        worker.wake();
        await().atMost(WAIT).until(() -> Mailboxes.countTo(infra.mail().greenMail(), slowEmail) == 2);
        List<String> order = Mailboxes.messageIds(infra.mail().greenMail()).stream()
                .filter(id -> id.contains("." + slow + ".")).toList();
        assertThat(order).containsExactly(row(registration).noticeId, row(request).noticeId);
    }

    @Test
    @DisplayName("R20: an address the mail server can never take is parked at once on the DLQ with the notice, the"
            + " masked error and the attempts; counted; the ticket's next notice is not held back")
    void r20InvalidAddressParkedAtOnce() {
        String number = TestEvents.uniqueNumber();
        String invalid = "ivan petrov@example.ru";
        TicketEvent event = TestEvents.registered(number, "ООО «Опечатка»", invalid);
        double parkedBefore = sum("getmark_notices_parked_total", "registration", "email");
        publisher.publish(event);

        ConsumerRecord<String, byte[]> parked = await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> DeadLetters.ofEvent(infra.bootstrapServers(), event.eventId()), r -> !r.isEmpty())
                .get(0);
        assertThat(parked.key()).isEqualTo(number);
        assertThat(Json.fromBytes(parked.value(), TicketEvent.class)).isEqualTo(event);
        assertThat(DeadLetters.header(parked, "dead-letter-reason"))
                .contains("cannot build the registration notice").doesNotContain("petrov@example.ru");
        assertThat(DeadLetters.header(parked, "dead-letter-topic")).isEqualTo("getmark.ticket-events.v1");
        assertThat(DeadLetters.header(parked, "dead-letter-notice")).isEqualTo("registration");
        assertThat(DeadLetters.header(parked, "dead-letter-medium")).isEqualTo("email");
        assertThat(DeadLetters.header(parked, "dead-letter-attempts")).isEqualTo("1");
        assertThat(DeadLetters.header(parked, "dead-letter-notice-id"))
                .isEqualTo("<notice.registration." + number + "." + event.eventId() + "@getmark.ru>");
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(event).status).isEqualTo(DeliveryStatus.PARKED));
        assertThat(row(event).attempts).isEqualTo(1);
        assertThat(sum("getmark_notices_parked_total", "registration", "email") - parkedBefore).isEqualTo(1);

        // A parked notice blocks nothing: the same ticket's next notice, to a corrected address, goes out.
        String corrected = TestEvents.uniqueEmail("corrected");
        publisher.publish(TestEvents.event(TicketEventType.ROUTED_TO_DEVELOPERS, number, "ООО «Опечатка»",
                corrected, Priority.MEDIUM, null));
        await().atMost(WAIT).until(() -> Mailboxes.countTo(infra.mail().greenMail(), corrected) == 1);
    }

    private void postpone(TicketEvent event, Instant at) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createQuery(
                        "update NoticeDelivery d set d.nextAttemptAt = :at where d.eventId = :eventId")
                .setParameter("at", at).setParameter("eventId", event.eventId()).executeUpdate());
    }

    private List<NoticeDelivery> rows(TicketEvent event) {
        return QuarkusTransaction.requiringNew().call(() -> deliveries.findByEvent(event.eventId()));
    }

    private NoticeDelivery row(TicketEvent event) {
        List<NoticeDelivery> rows = rows(event);
        assertThat(rows).as("deliveries of event %s", event.eventId()).hasSize(1);
        return rows.get(0);
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double sum(String name, String notice, String channel) {
        return sum(metrics(), name, notice, channel);
    }

    /** The value of a counter with these labels (0 when it does not exist yet). */
    static double sum(String metrics, String name, String notice, String channel) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "\\{([^}]*)} ([0-9.E+-]+)").matcher(metrics);
        double total = 0;
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("notice=\"" + notice + "\"") && labels.contains("channel=\"" + channel + "\"")) {
                total += Double.parseDouble(m.group(2));
            }
        }
        return total;
    }

    static double gauge(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.E+-]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(2)) : -1;
    }
}
