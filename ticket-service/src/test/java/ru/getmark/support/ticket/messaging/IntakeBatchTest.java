package ru.getmark.support.ticket.messaging;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.ticket.service.TicketService;
import ru.getmark.support.ticket.testing.Db;
import ru.getmark.support.ticket.testing.Intake;
import ru.getmark.support.ticket.testing.KafkaTopic;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch consumption of getmark.intake.v1 (issue 8) through the real Kafka broker: the records of each test are
 * published together under one key, i.e. in one record batch of one partition, which ticket-service fetches whole and
 * registers as one batch.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "tickets"))
class IntakeBatchTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String DLQ = Topics.dlq(Topics.INTAKE);

    @InjectInfra
    Infra infra;
    @Inject
    DataSource dataSource;
    @Inject
    TicketService tickets;

    @Test
    @DisplayName("R1: poison messages in the middle of a batch are parked one by one with their dead-letter headers; "
            + "the rest of the batch is registered, in one transaction")
    void poisonInTheMiddleOfABatch() {
        IntakeMessage first = Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null);
        byte[] garbage = ("{\"messageId\": \"" + Intake.newMessageId() + "\", not json").getBytes(StandardCharsets.UTF_8);
        IntakeMessage second = Intake.request(Intake.newMessageId(), TicketType.SOFTWARE_BUG, null);
        IntakeMessage badInn = Intake.withInn(Intake.request(Intake.newMessageId(), TicketType.SOFTWARE_BUG, null),
                "7707083890"); // wrong check digit
        IntakeMessage third = Intake.request(Intake.newMessageId(), null, null);
        List<RecordMetadata> sent = KafkaTopic.sendTogether(infra.bootstrapServers(), List.of(
                record(first), new ProducerRecord<>(Topics.INTAKE, Intake.INN, garbage), record(second),
                record(badInn), record(third)));

        List<String> numbers = new ArrayList<>();
        for (IntakeMessage m : List.of(first, second, third)) {
            numbers.add(TicketRegistrationTest.awaitTicket(m.messageId()).getString("number"));
        }
        assertThat(numbers).isSorted().doesNotHaveDuplicates();
        // one batch, one transaction: one registration instant
        assertThat(Db.count(dataSource, "select count(distinct registered_at) from ticket where message_id in "
                + "(?, ?, ?)", first.messageId(), second.messageId(), third.messageId())).isEqualTo(1);

        try (KafkaTopic dlq = KafkaTopic.read(infra.bootstrapServers(), DLQ)) {
            ConsumerRecord<String, byte[]> unreadable = dlq.await(r -> isParked(r, sent.get(1)), WAIT);
            assertThat(unreadable.value()).as("kept as it was").isEqualTo(garbage);
            assertThat(unreadable.key()).isEqualTo(Intake.INN);
            assertThat(header(unreadable, "dead-letter-reason")).isNotBlank();
            assertThat(header(unreadable, "dead-letter-exception-class-name"))
                    .isEqualTo("org.apache.kafka.common.errors.RecordDeserializationException");

            ConsumerRecord<String, byte[]> invalid = dlq.await(r -> isParked(r, sent.get(3)), WAIT);
            assertThat(header(invalid, "dead-letter-reason")).contains("ИНН").contains(badInn.messageId())
                    .doesNotContain("7707083890");
            assertThat(header(invalid, "dead-letter-exception-class-name"))
                    .isEqualTo("ru.getmark.support.ticket.service.InvalidIntakeException");
            assertThat(Json.fromBytes(invalid.value(), IntakeMessage.class)).isEqualTo(badInn);

            dlq.poll();
            assertThat(dlq.seen(r -> "getmark.intake.v1".equals(header(r, "dead-letter-topic"))
                    && sent.stream().anyMatch(s -> isParked(r, s)))).as("only the poison is parked").hasSize(2);
        }
        assertThat(Db.count(dataSource, "select count(*) from processed_message where message_id = ?",
                badInn.messageId())).isZero();
    }

    @Test
    @DisplayName("R1 R4: a message for an unknown ticket rolls its batch back; the batch is registered again one "
            + "message at a time, the message parked with its headers, the others registered once")
    void unknownTicketRollsBackTheBatch() {
        IntakeMessage first = Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null);
        IntakeMessage unknown = Intake.followUp(Intake.newMessageId(), "999999999");
        IntakeMessage second = Intake.request(Intake.newMessageId(), TicketType.DATA_CORRECTION, null);
        List<RecordMetadata> sent = KafkaTopic.sendTogether(infra.bootstrapServers(),
                List.of(record(first), record(unknown), record(second)));

        String n1 = TicketRegistrationTest.awaitTicket(first.messageId()).getString("number");
        String n2 = TicketRegistrationTest.awaitTicket(second.messageId()).getString("number");
        assertThat(Long.parseLong(n2)).isGreaterThan(Long.parseLong(n1));
        try (KafkaTopic dlq = KafkaTopic.read(infra.bootstrapServers(), DLQ)) {
            ConsumerRecord<String, byte[]> parked = dlq.await(r -> isParked(r, sent.get(1)), WAIT);
            assertThat(header(parked, "dead-letter-reason")).contains(unknown.messageId())
                    .contains("ticket 999999999").contains("does not exist");
            assertThat(header(parked, "dead-letter-exception-class-name"))
                    .isEqualTo("ru.getmark.support.ticket.service.UnknownTicketException");
            assertThat(Json.fromBytes(parked.value(), IntakeMessage.class)).isEqualTo(unknown);
        }
        for (IntakeMessage m : List.of(first, second)) {
            assertThat(Db.count(dataSource, "select count(*) from ticket where message_id = ?", m.messageId()))
                    .isEqualTo(1);
        }
        assertThat(Db.count(dataSource, "select count(*) from processed_message where message_id = ?",
                unknown.messageId())).isZero();
    }

    @Test
    @DisplayName("R5: the same message id twice in one batch gives one ticket and one registered event")
    void sameMessageTwiceInOneBatch() {
        IntakeMessage message = Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null);
        IntakeMessage marker = Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null);
        KafkaTopic.sendTogether(infra.bootstrapServers(), List.of(record(message), record(message), record(marker)));

        String number = TicketRegistrationTest.awaitTicket(message.messageId()).getString("number");
        String markerNumber = TicketRegistrationTest.awaitTicket(marker.messageId()).getString("number");
        assertThat(Db.count(dataSource, "select count(*) from ticket where message_id = ?", message.messageId()))
                .isEqualTo(1);
        try (KafkaTopic events = KafkaTopic.read(infra.bootstrapServers(), Topics.TICKET_EVENTS)) {
            events.await(r -> markerNumber.equals(r.key()), WAIT);
            events.poll();
            assertThat(events.seen(r -> number.equals(r.key()))).hasSize(1);
        }
    }

    @Test
    @DisplayName("R4: a customer's new request, message to their closed ticket and new request in one batch are "
            + "applied in that order: ticket numbers and events follow the customer's order")
    void newRequestAndFollowUpInOrder() {
        String closed = tickets.register(Intake.request(Intake.newMessageId(), TicketType.SOFTWARE_BUG, null))
                .ticketNumber();
        act(closed, "take", Map.of());
        act(closed, "refuse", Map.of("reason", "Вне компетенции"));
        IntakeMessage before = Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null);
        IntakeMessage followUp = Intake.followUp(Intake.newMessageId(), closed);
        IntakeMessage after = Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null);
        KafkaTopic.sendTogether(infra.bootstrapServers(), List.of(record(before), record(followUp), record(after)));

        long n1 = Long.parseLong(TicketRegistrationTest.awaitTicket(before.messageId()).getString("number"));
        long reopened = Long.parseLong(TicketRegistrationTest.awaitTicket(followUp.messageId()).getString("number"));
        long n2 = Long.parseLong(TicketRegistrationTest.awaitTicket(after.messageId()).getString("number"));
        assertThat(List.of(n1, reopened, n2)).isSorted().doesNotHaveDuplicates();
        assertThat(Db.query(dataSource, """
                        select aggregate_id || ' ' || event_type as e from outbox where aggregate_id in (?, ?, ?, ?)
                        and id >= (select id from outbox where aggregate_id = ?) order by id""", Long.toString(n1),
                Long.toString(reopened), closed, Long.toString(n2), Long.toString(n1)))
                .extracting(r -> r.get("e")).containsExactly(n1 + " registered", reopened + " registered",
                        closed + " follow_up_received", n2 + " registered");
    }

    @Test
    @DisplayName("R5: a whole batch delivered again (its offsets were not committed before a crash) registers and "
            + "applies nothing twice")
    void redeliveredBatch() {
        String open = tickets.register(Intake.request(Intake.newMessageId(), TicketType.SOFTWARE_BUG, null))
                .ticketNumber();
        IntakeMessage first = Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null);
        IntakeMessage followUp = Intake.followUp(Intake.newMessageId(), open);
        IntakeMessage second = Intake.withInn(Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null),
                TicketRegistrationTest.OTHER_INN);
        List<ProducerRecord<String, byte[]>> batch = List.of(record(first), record(followUp), record(second));
        KafkaTopic.sendTogether(infra.bootstrapServers(), batch);
        TicketRegistrationTest.awaitTicket(first.messageId());
        TicketRegistrationTest.awaitTicket(second.messageId());

        IntakeMessage marker = Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null);
        List<ProducerRecord<String, byte[]>> again = new ArrayList<>(batch);
        again.add(record(marker));
        KafkaTopic.sendTogether(infra.bootstrapServers(), again);
        TicketRegistrationTest.awaitTicket(marker.messageId()); // same partition: the copies were consumed before

        for (IntakeMessage m : List.of(first, second)) {
            assertThat(Db.count(dataSource, "select count(*) from ticket where message_id = ?", m.messageId()))
                    .isEqualTo(1);
            assertThat(Db.count(dataSource, "select count(*) from outbox o join ticket t on t.number = o.aggregate_id "
                    + "where t.message_id = ?", m.messageId())).isEqualTo(1);
        }
        assertThat(Db.count(dataSource, "select count(*) from processed_message where message_id = ?",
                followUp.messageId())).isEqualTo(1);
        assertThat(Db.count(dataSource, "select count(*) from outbox where aggregate_id = ? and event_type = "
                + "'follow_up_received'", open)).isEqualTo(1);
        assertThat(Db.count(dataSource, "select count(*) from ticket_action a join ticket t on t.id = a.ticket_id "
                + "where t.number = ? and a.action = 'follow-up'", open)).isEqualTo(1);
    }

    // ---------------------------------------------------------------- helpers

    /** All records of a test under one key (the first message's ИНН): one partition, one record batch. */
    private static ProducerRecord<String, byte[]> record(IntakeMessage message) {
        return new ProducerRecord<>(Topics.INTAKE, Intake.INN, Json.toBytes(message));
    }

    private static boolean isParked(ConsumerRecord<String, byte[]> dead, RecordMetadata origin) {
        return Topics.INTAKE.equals(header(dead, "dead-letter-topic"))
                && Integer.toString(origin.partition()).equals(header(dead, "dead-letter-partition"))
                && Long.toString(origin.offset()).equals(header(dead, "dead-letter-offset"));
    }

    private static void act(String number, String action, Map<String, ?> body) {
        given().auth().preemptive().basic("operator", "operator").contentType(ContentType.JSON).body(body)
                .when().post("/api/tickets/{n}/actions/{a}", number, action)
                .then().statusCode(200);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return record.headers().lastHeader(name) == null ? null
                : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
