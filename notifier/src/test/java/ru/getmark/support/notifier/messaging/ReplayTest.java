package ru.getmark.support.notifier.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.notifier.domain.DeliveryStatus;
import ru.getmark.support.notifier.domain.EmailAddresses;
import ru.getmark.support.notifier.domain.Medium;
import ru.getmark.support.notifier.domain.NoticeDelivery;
import ru.getmark.support.notifier.repository.NoticeDeliveryRepository;
import ru.getmark.support.notifier.support.EventPublisher;
import ru.getmark.support.notifier.support.Mailboxes;
import ru.getmark.support.notifier.support.TestEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The once-only rule rests on the {@code notice_delivery} table alone, not on consumer offsets or memory: what a
 * restarted notifier, a second replica or a new consumer group would see (the restart itself is
 * {@link ReplayAfterRestartTest}).
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "notifier"),
        @ResourceArg(name = "mail", value = "true")})
class ReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern DUPLICATES = Pattern.compile(
            "getmark_notices_skipped_total\\{[^}]*reason=\"duplicate\"[^}]*} ([0-9.E]+)");

    @InjectInfra
    Infra infra;

    @Inject
    NoticeDeliveryRepository deliveries;

    @Inject
    KafkaClientService kafka;

    @Test
    @DisplayName("R5/R20: the whole topic consumed again from offset 0 sends no notice twice")
    void replayFromTheBeginningSendsNothingTwice() {
        try (EventPublisher publisher = new EventPublisher(infra.bootstrapServers())) {
            List<String> customers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String email = TestEvents.uniqueEmail("replay");
                customers.add(email);
                publisher.publish(TestEvents.registered(TestEvents.uniqueNumber(), "ООО «Эпсилон»", email));
            }
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(customers).allMatch(c -> Mailboxes.countTo(infra.mail().greenMail(), c) == 1));
            long recordedBefore = QuarkusTransaction.requiringNew().call(() -> deliveries.count());
            double duplicatesBefore = duplicatesSkipped();

            // Rewind the running consumer to offset 0 of every partition: every event is delivered again.
            KafkaConsumer<String, TicketEvent> consumer = kafka.getConsumer("ticket-events");
            Set<TopicPartition> assigned = consumer.getAssignments().await().atMost(Duration.ofSeconds(10));
            assertThat(assigned).isNotEmpty();
            consumer.seekToBeginning(assigned).await().atMost(Duration.ofSeconds(10));

            // A marker behind everything in each partition: once all are delivered, the replay is complete.
            List<String> markers = new ArrayList<>();
            for (int partition = 0; partition < publisher.partitions(); partition++) {
                String marker = TestEvents.uniqueEmail("replay-marker-" + partition);
                markers.add(marker);
                publisher.publishTo(partition, TestEvents.registered(TestEvents.uniqueNumber(), "Маркер", marker));
            }
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(markers).allMatch(m -> Mailboxes.countTo(infra.mail().greenMail(), m) == 1));

            assertThat(customers).allMatch(c -> Mailboxes.countTo(infra.mail().greenMail(), c) == 1);
            Map<String, Long> copies = Arrays.stream(infra.mail().greenMail().getReceivedMessages())
                    .map(Mailboxes::messageId)
                    .filter(id -> id != null && id.startsWith("<notice."))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(copies).as("copies per Message-ID").allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));
            // Every notice recorded before the rewind came round again and was turned away by the table (the
            // #Пожар posts too: the duty chat is configured in this profile).
            assertThat(duplicatesSkipped() - duplicatesBefore).isGreaterThanOrEqualTo(recordedBefore);
        }
    }

    @Test
    @DisplayName("R5: a notice already recorded as sent (before a restart, or migrated from sent_notice) is not sent"
            + " for an event new to the consumer")
    void recordedNoticeIsNotSentAgain() {
        String number = TestEvents.uniqueNumber();
        String email = TestEvents.uniqueEmail("recorded");
        TicketEvent event = TestEvents.registered(number, "ООО «Дзета»", email);
        QuarkusTransaction.requiringNew().run(() -> {
            // What V2 makes of a sent_notice row: no address, no payload, only the hash of the address.
            NoticeDelivery row = new NoticeDelivery();
            row.eventId = event.eventId();
            row.notice = "registration";
            row.medium = Medium.EMAIL;
            row.recipientKey = EmailAddresses.hash(email);
            row.ticketNumber = number;
            row.noticeId = "<notice.registration." + event.eventId() + "@getmark.ru>";
            row.status = DeliveryStatus.SENT;
            row.attempts = 1;
            row.nextAttemptAt = Instant.now();
            row.createdAt = Instant.now();
            row.sentAt = Instant.now();
            deliveries.persist(row);
        });

        try (EventPublisher publisher = new EventPublisher(infra.bootstrapServers())) {
            publisher.publish(event);
            String marker = TestEvents.uniqueEmail("marker");
            publisher.publish(TestEvents.registered(number, "Маркер", marker));
            await().atMost(WAIT).until(() -> Mailboxes.countTo(infra.mail().greenMail(), marker) == 1);
        }
        assertThat(Mailboxes.countTo(infra.mail().greenMail(), email)).isZero();
    }

    private static double duplicatesSkipped() {
        Matcher m = DUPLICATES.matcher(given().when().get("/q/metrics").then().statusCode(200).extract().asString());
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }
}
