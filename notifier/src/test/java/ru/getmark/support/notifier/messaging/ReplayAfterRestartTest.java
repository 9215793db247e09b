package ru.getmark.support.notifier.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.ChannelNotice;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.notifier.domain.DeliveryStatus;
import ru.getmark.support.notifier.domain.Medium;
import ru.getmark.support.notifier.domain.NoticeDelivery;
import ru.getmark.support.notifier.repository.NoticeDeliveryRepository;
import ru.getmark.support.notifier.support.ChatNotices;
import ru.getmark.support.notifier.support.DeadLetters;
import ru.getmark.support.notifier.support.EventPublisher;
import ru.getmark.support.notifier.support.Mailboxes;
import ru.getmark.support.notifier.support.TestEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A restarted notifier: a different test profile makes Quarkus stop the application the other test classes used
 * and start a new one against the same Kafka broker and the same PostgreSQL database (the mail server is new). The
 * profile gives it a new consumer group, so it reads {@code getmark.ticket-events.v1} from the beginning — every
 * event the earlier application handled comes again — a lower attempt limit (3) and no duty chat.
 * <p>
 * Quarkus runs the classes of one profile together, after the ones without a profile, so in a module build the
 * earlier application's history is there; run alone, the replay test has nothing to replay and is skipped.
 */
@QuarkusTest
@TestProfile(ReplayAfterRestartTest.RestartedNotifier.class)
@WithTestResource(value = InfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "notifier"),
        @ResourceArg(name = "mail", value = "true")})
class ReplayAfterRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Events this class published itself: everything else on the topic is the earlier application's. */
    private static final Set<String> OWN_EVENTS = ConcurrentHashMap.newKeySet();

    public static class RestartedNotifier implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Profile-prefixed keys of application.properties win over plain ones: override both.
            return Map.of(
                    "mp.messaging.incoming.ticket-events.group.id", "notifier-restarted",
                    "getmark.delivery.max-attempts", "3",
                    "%test.getmark.delivery.max-attempts", "3",
                    "getmark.duty-chat.telegram-chat-id", "",
                    "%test.getmark.duty-chat.telegram-chat-id", "");
        }
    }

    @InjectInfra
    Infra infra;

    @Inject
    NoticeDeliveryRepository deliveries;

    @Test
    @DisplayName("R5/R20: after a restart, the whole topic replayed by a new consumer group sends no email and no"
            + " chat notice a second time")
    void r5ReplayAfterRestartSendsNothingTwice() {
        Instant started = Instant.now();
        List<NoticeDelivery> history = QuarkusTransaction.requiringNew().call(() -> deliveries.listAll()).stream()
                .filter(d -> d.createdAt.isBefore(started) && !OWN_EVENTS.contains(d.eventId))
                .toList();
        assumeTrue(history.stream().anyMatch(d -> d.status == DeliveryStatus.SENT),
                "nothing was sent before the restart: run the module's whole test suite");

        // A marker behind everything in each partition: once each is mailed, the replay is complete.
        List<String> markers = new ArrayList<>();
        try (EventPublisher publisher = new EventPublisher(infra.bootstrapServers())) {
            for (int partition = 0; partition < publisher.partitions(); partition++) {
                String marker = TestEvents.uniqueEmail("restart-marker-" + partition);
                markers.add(marker);
                TicketEvent event = TestEvents.registered(TestEvents.uniqueNumber(), "Маркер", marker);
                OWN_EVENTS.add(event.eventId());
                publisher.publishTo(partition, event);
            }
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(markers).allMatch(m -> Mailboxes.countTo(infra.mail().greenMail(), m) == 1));

        // The replay really happened: every earlier delivery came round and was turned away — counted since this
        // application started, which is when the replay began (the #Пожар posts are not planned at all here, since
        // this profile has no duty chat).
        long replayable = history.stream().filter(d -> d.medium != Medium.DUTY_CHAT).count();
        assertThat(duplicatesSkipped()).isGreaterThanOrEqualTo(replayable);

        // No email of the earlier application came again.
        Set<String> earlierMessageIds = history.stream().filter(d -> d.medium == Medium.EMAIL)
                .map(d -> d.noticeId).collect(Collectors.toSet());
        assertThat(Mailboxes.messageIds(infra.mail().greenMail())).noneMatch(earlierMessageIds::contains);
        // Nothing earlier was touched: no new attempt, no new status.
        Map<Long, NoticeDelivery> now = QuarkusTransaction.requiringNew().call(() -> deliveries.listAll()).stream()
                .collect(Collectors.toMap(d -> d.id, Function.identity()));
        assertThat(history).allSatisfy(before -> {
            NoticeDelivery after = now.get(before.id);
            assertThat(after.status).isEqualTo(before.status);
            assertThat(after.attempts).isEqualTo(before.attempts);
        });
        // Every chat notice and every parked event is on its topic once, whatever was replayed.
        Map<String, Long> chatCopies = ChatNotices.readAll(infra.bootstrapServers()).stream()
                .collect(Collectors.groupingBy(p -> p.notice().noticeId(), Collectors.counting()));
        assertThat(chatCopies).isNotEmpty().allSatisfy((id, copies) -> assertThat(copies).as(id).isEqualTo(1L));
        Map<String, Long> parkedCopies = DeadLetters.readAll(infra.bootstrapServers()).stream()
                .map(r -> DeadLetters.header(r, "dead-letter-notice-id"))
                .filter(id -> id != null)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(parkedCopies).allSatisfy((id, copies) -> assertThat(copies).as(id).isEqualTo(1L));
    }

    @Test
    @DisplayName("R20: SMTP down until the attempt limit (3 here) → PARKED, the event on the DLQ with the error,"
            + " counted; SMTP back → the parked notice stays parked")
    void r20AttemptLimitParksOnTheDlq() {
        String number = TestEvents.uniqueNumber();
        String email = TestEvents.uniqueEmail("limit");
        TicketEvent event = TestEvents.registered(number, "ООО «Предел»", email);
        OWN_EVENTS.add(event.eventId());
        double parkedBefore = DeliveryRetryTest.sum(metrics(), "getmark_notices_parked_total", "registration",
                "email");

        infra.mail().stopSmtp();
        try (EventPublisher publisher = new EventPublisher(infra.bootstrapServers())) {
            publisher.publish(event);
            ConsumerRecord<String, byte[]> parked = await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                    .until(() -> DeadLetters.ofEvent(infra.bootstrapServers(), event.eventId()), r -> !r.isEmpty())
                    .get(0);
            assertThat(parked.key()).isEqualTo(number);
            assertThat(DeadLetters.header(parked, "dead-letter-attempts")).isEqualTo("3");
            assertThat(DeadLetters.header(parked, "dead-letter-notice")).isEqualTo("registration");
            assertThat(DeadLetters.header(parked, "dead-letter-reason"))
                    .contains("did not take the registration notice").doesNotContain(email);
        } finally {
            infra.mail().restartSmtp();
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(row(event).status).isEqualTo(DeliveryStatus.PARKED));
        assertThat(row(event).attempts).isEqualTo(3);
        assertThat(row(event).lastError).contains("did not take").doesNotContain(email);
        assertThat(DeliveryRetryTest.sum(metrics(), "getmark_notices_parked_total", "registration", "email")
                - parkedBefore).isEqualTo(1);

        // Parked is final: with the mail server back, a later notice of another ticket goes out, this one does not.
        String marker = TestEvents.uniqueEmail("after-limit");
        try (EventPublisher publisher = new EventPublisher(infra.bootstrapServers())) {
            TicketEvent next = TestEvents.registered(number, "Маркер", marker);
            OWN_EVENTS.add(next.eventId());
            publisher.publish(next);
        }
        await().atMost(WAIT).until(() -> Mailboxes.countTo(infra.mail().greenMail(), marker) == 1);
        assertThat(Mailboxes.countTo(infra.mail().greenMail(), email)).isZero();
        assertThat(row(event).status).isEqualTo(DeliveryStatus.PARKED);
    }

    @Test
    @DisplayName("R18: without a configured duty chat a Критический ticket posts no #Пожар (warned, counted); the"
            + " customer is told as usual")
    void r18NoDutyChatConfigured() {
        String number = TestEvents.uniqueNumber();
        String email = TestEvents.uniqueEmail("noduty");
        TicketEvent event = TestEvents.registered(number, "ООО «Без дежурного»", email, Priority.CRITICAL, null);
        OWN_EVENTS.add(event.eventId());
        try (EventPublisher publisher = new EventPublisher(infra.bootstrapServers())) {
            publisher.publish(event);
        }
        await().atMost(WAIT).until(() -> Mailboxes.countTo(infra.mail().greenMail(), email) == 1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> deliveries.findByEvent(event.eventId())))
                .extracting(d -> d.medium).containsExactly(Medium.EMAIL);
        assertThat(ChatNotices.ofTicket(infra.bootstrapServers(), number))
                .noneMatch(p -> p.notice().audience() == ChannelNotice.Audience.DUTY_CHAT);
        assertThat(metrics()).containsPattern(
                "getmark_notices_skipped_total\\{[^}]*notice=\"fire_alarm\"[^}]*reason=\"no_duty_chat\"[^}]*} [1-9]");
    }

    private NoticeDelivery row(TicketEvent event) {
        List<NoticeDelivery> rows = QuarkusTransaction.requiringNew().call(() -> deliveries.findByEvent(
                event.eventId()));
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static double duplicatesSkipped() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "getmark_notices_skipped_total\\{[^}]*reason=\"duplicate\"[^}]*} ([0-9.E+-]+)").matcher(metrics());
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
