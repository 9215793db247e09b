package ru.getmark.support.notifier.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventData;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.notifier.domain.DeliveryStatus;
import ru.getmark.support.notifier.domain.NoticeDelivery;
import ru.getmark.support.notifier.repository.NoticeDeliveryRepository;
import ru.getmark.support.notifier.support.DeadLetters;
import ru.getmark.support.notifier.support.EventPublisher;
import ru.getmark.support.notifier.support.Mailboxes;
import ru.getmark.support.notifier.support.PublishingTest;
import ru.getmark.support.notifier.support.TestEvents;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batch consumption (issue 8): the events of one poll are recorded in one transaction, with the semantics of one
 * event at a time — each notice recorded and sent once, one ticket's notices in order, a poison event parked alone
 * on the DLQ while the rest of its batch goes on, a redelivered batch sending nothing twice. The events go to the
 * real broker in bursts (sent without waiting in between), as a busy ticket-service publishes them, so that the
 * consumer's polls find many at once.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "notifier"),
        @ResourceArg(name = "mail", value = "true")})
class BatchConsumptionTest extends PublishingTest {

    private static final Pattern DUPLICATES = Pattern.compile(
            "getmark_notices_skipped_total\\{[^}]*reason=\"duplicate\"[^}]*} ([0-9.E+-]+)");

    @Inject
    NoticeDeliveryRepository deliveries;

    @Inject
    KafkaClientService kafka;

    @Test
    @DisplayName("R2/R5/R20: a burst of events of many tickets → every notice recorded and sent exactly once, each"
            + " ticket's notices in order, several events per transaction")
    void burstRecordedInBatchesAndSentOnce() {
        List<TicketEvent> registrations = new ArrayList<>();
        List<TicketEvent> requests = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String number = TestEvents.uniqueNumber();
            String email = TestEvents.uniqueEmail("burst");
            TicketEvent registration = TestEvents.registered(number, "ООО «Пакет " + i + "»", email);
            TicketEvent request = informationRequest(number, email);
            registrations.add(registration);
            requests.add(request);
            burst.add(EventPublisher.record(registration));
            burst.add(EventPublisher.record(request));
        }
        publisher.publishAll(burst);

        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> registrations.stream().allMatch(r ->
                Mailboxes.countTo(infra.mail().greenMail(), r.ticket().customer().email()) >= 2));

        List<String> received = Mailboxes.messageIds(infra.mail().greenMail());
        List<NoticeDelivery> rows = new ArrayList<>();
        for (int i = 0; i < registrations.size(); i++) {
            NoticeDelivery registration = sentRow(registrations.get(i));
            NoticeDelivery request = sentRow(requests.get(i));
            rows.add(registration);
            rows.add(request);
            // once each, and the registration first: in the table and at the mail server
            assertThat(Mailboxes.countWithMessageId(infra.mail().greenMail(), registration.noticeId)).isEqualTo(1);
            assertThat(Mailboxes.countWithMessageId(infra.mail().greenMail(), request.noticeId)).isEqualTo(1);
            assertThat(registration.id).isLessThan(request.id);
            assertThat(received.indexOf(registration.noticeId)).isLessThan(received.indexOf(request.noticeId));
        }
        // One transaction stamps all of its rows with one time: fewer times than rows = events shared transactions.
        assertThat(rows.stream().map(r -> r.createdAt).distinct().count())
                .as("distinct recording times of %d rows", rows.size()).isLessThan(rows.size());
    }

    @Test
    @DisplayName("R20: a poison value, an event no notice can be rendered for and one the table cannot hold, in the"
            + " middle of a batch → each parked alone on the DLQ as it came, the events around them delivered once")
    void poisonInTheMiddleOfABatchIsParkedAlone() {
        String number = TestEvents.uniqueNumber();
        List<TicketEvent> good = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            good.add(TestEvents.registered(TestEvents.uniqueNumber(), "ООО «Сосед " + i + "»",
                    TestEvents.uniqueEmail("neighbour")));
        }
        String garbage = "{this is not a ticket event " + number;
        // Readable, but no notice can be rendered for it (a ticket number is at most 18 digits).
        TicketEvent unrenderable = TestEvents.registered("9".repeat(30), "ООО «Длинный номер»",
                TestEvents.uniqueEmail("unrenderable"));
        // Rendered, but the table cannot hold it (event ids are at most 100 characters): recording it fails, which
        // rolls back the whole batch; recorded again event by event, only this one fails.
        TicketEvent sample = TestEvents.registered(TestEvents.uniqueNumber(), "ООО «Длинный id»",
                TestEvents.uniqueEmail("unrecordable"));
        TicketEvent unrecordable = new TicketEvent(sample.schema(), "e".repeat(120), sample.type(),
                sample.occurredAt(), sample.ticket(), sample.data());
        // All in one partition, in this order: the poison sits between good events of the same batch.
        int partition = 0;
        List<ProducerRecord<String, byte[]>> burst = List.of(
                onPartition(partition, good.get(0)),
                new ProducerRecord<>(Topics.TICKET_EVENTS, partition, number,
                        garbage.getBytes(StandardCharsets.UTF_8)),
                onPartition(partition, good.get(1)),
                onPartition(partition, unrecordable),
                onPartition(partition, good.get(2)),
                onPartition(partition, unrenderable),
                onPartition(partition, good.get(3)));
        publisher.publishAll(burst);

        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> good.stream().allMatch(g ->
                Mailboxes.countTo(infra.mail().greenMail(), g.ticket().customer().email()) == 1));
        for (TicketEvent event : good) {
            assertThat(sentRow(event).attempts).isEqualTo(1);
            assertThat(DeadLetters.ofEvent(infra.bootstrapServers(), event.eventId())).isEmpty();
        }

        List<ConsumerRecord<String, byte[]>> parkedGarbage = await().atMost(WAIT).until(
                () -> DeadLetters.readAll(infra.bootstrapServers()).stream()
                        .filter(r -> garbage.equals(new String(r.value(), StandardCharsets.UTF_8))).toList(),
                found -> !found.isEmpty());
        assertThat(parkedGarbage).singleElement().satisfies(dead -> {
            assertThat(dead.key()).isEqualTo(number);
            assertThat(DeadLetters.header(dead, "dead-letter-reason")).isNotBlank();
            assertThat(DeadLetters.header(dead, "dead-letter-topic")).isEqualTo(Topics.TICKET_EVENTS);
        });

        for (TicketEvent poison : List.of(unrecordable, unrenderable)) {
            List<ConsumerRecord<String, byte[]>> parked = await().atMost(WAIT).until(
                    () -> DeadLetters.ofEvent(infra.bootstrapServers(), poison.eventId()), found -> !found.isEmpty());
            assertThat(parked).singleElement().satisfies(dead -> {
                assertThat(dead.key()).isEqualTo(poison.key());
                // the event as it came, ready to be replayed onto the main topic
                assertThat(Json.fromBytes(dead.value(), TicketEvent.class)).isEqualTo(poison);
                // why, without the customer's data (the driver's batch error would quote every value)
                assertThat(DeadLetters.header(dead, "dead-letter-reason")).isNotBlank()
                        .doesNotContain(poison.ticket().customer().email())
                        .doesNotContain(poison.ticket().customer().name());
                assertThat(DeadLetters.header(dead, "dead-letter-topic")).isEqualTo(Topics.TICKET_EVENTS);
            });
            assertThat(QuarkusTransaction.requiringNew().call(() -> deliveries.countByEvent(poison.eventId())))
                    .isZero();
            assertThat(Mailboxes.countTo(infra.mail().greenMail(), poison.ticket().customer().email())).isZero();
        }
    }

    @Test
    @DisplayName("R5: a batch consumed again (the consumer rewound to its first offsets) records and sends nothing"
            + " twice")
    void redeliveredBatchSendsNothingTwice() {
        List<TicketEvent> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(TestEvents.registered(TestEvents.uniqueNumber(), "ООО «Повтор " + i + "»",
                    TestEvents.uniqueEmail("again")));
        }
        List<RecordMetadata> landed = publisher.publishAll(events.stream().map(EventPublisher::record).toList());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> events.stream().allMatch(e ->
                sent(e) && Mailboxes.countTo(infra.mail().greenMail(), e.ticket().customer().email()) == 1));
        double duplicatesBefore = duplicatesSkipped();

        // Back to where the burst began in each of its partitions: the same records come again.
        Map<TopicPartition, Long> first = new HashMap<>();
        for (RecordMetadata m : landed) {
            first.merge(new TopicPartition(m.topic(), m.partition()), m.offset(), Math::min);
        }
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer("ticket-events");
        first.forEach((partition, offset) ->
                consumer.seek(partition, offset).await().atMost(Duration.ofSeconds(10)));
        // A marker behind the burst in each of those partitions: once all are mailed, the burst came round again.
        List<String> markers = new ArrayList<>();
        for (TopicPartition partition : first.keySet()) {
            String marker = TestEvents.uniqueEmail("again-marker");
            markers.add(marker);
            publisher.publishTo(partition.partition(), TestEvents.registered(TestEvents.uniqueNumber(), "Маркер",
                    marker));
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> markers.stream()
                .allMatch(m -> Mailboxes.countTo(infra.mail().greenMail(), m) == 1));

        for (TicketEvent event : events) {
            assertThat(QuarkusTransaction.requiringNew().call(() -> deliveries.countByEvent(event.eventId())))
                    .isEqualTo(1);
            assertThat(Mailboxes.countTo(infra.mail().greenMail(), event.ticket().customer().email())).isEqualTo(1);
        }
        assertThat(duplicatesSkipped() - duplicatesBefore).isGreaterThanOrEqualTo(events.size());
    }

    private static TicketEvent informationRequest(String number, String email) {
        return TestEvents.withData(TestEvents.event(TicketEventType.INFORMATION_REQUESTED, number, "ООО «Пакет»",
                email, Priority.MEDIUM, null), new TicketEventData("operator", TicketStatus.IN_PROGRESS,
                "Уточните версию ПО.", null, null, null, null, null, null));
    }

    private static ProducerRecord<String, byte[]> onPartition(int partition, TicketEvent event) {
        return new ProducerRecord<>(Topics.TICKET_EVENTS, partition, event.key(), Json.toBytes(event));
    }

    private boolean sent(TicketEvent event) {
        List<NoticeDelivery> rows = QuarkusTransaction.requiringNew().call(() -> deliveries.findByEvent(
                event.eventId()));
        return rows.size() == 1 && rows.get(0).status == DeliveryStatus.SENT;
    }

    /** The event's one delivery, once the worker's commit marked it sent (the mail server has it a moment before). */
    private NoticeDelivery sentRow(TicketEvent event) {
        await().atMost(WAIT).until(() -> sent(event));
        List<NoticeDelivery> rows = QuarkusTransaction.requiringNew().call(() -> deliveries.findByEvent(
                event.eventId()));
        assertThat(rows).singleElement().satisfies(row -> assertThat(row.attempts).isEqualTo(1));
        return rows.get(0);
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
