package ru.getmark.support.ticket.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.AttachmentRef;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.ticket.service.BatchRegistration;
import ru.getmark.support.ticket.service.Registration;
import ru.getmark.support.ticket.service.TicketService;
import ru.getmark.support.ticket.service.UnknownTicketException;
import ru.getmark.support.ticket.testing.Db;
import ru.getmark.support.ticket.testing.Intake;
import ru.getmark.support.ticket.testing.TestClock;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The batch path of registration (issue 8), batch by batch: {@link BatchRegistration#registerAll} called with the
 * exact batch, so what "one batch" holds is certain (IntakeBatchTest drives the same path through Kafka).
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "tickets"))
class RegistrationBatchTest {

    /** Monday 2027-03-15 12:00 MSK. */
    static final Instant MONDAY_NOON = Instant.parse("2027-03-15T09:00:00Z");

    @Inject
    BatchRegistration batch;
    @Inject
    TicketService tickets;
    @Inject
    TestClock clock;
    @Inject
    DataSource dataSource;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    @DisplayName("R2 R5 R7 R8 R9: a ticket registered in bulk has exactly the rows the one-message path writes")
    void bulkWritesWhatTheOneMessagePathWrites() {
        clock.fix(MONDAY_NOON);
        String related = tickets.register(Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null))
                .ticketNumber();
        IntakeMessage template = Intake.withRelatedTicket(Intake.request(Intake.newMessageId(),
                TicketType.SOFTWARE_BUG, Impact.STOPS_OPERATIONS), "№ " + related);
        IntakeMessage one = copy(template, Intake.newMessageId());
        IntakeMessage bulk = copy(template, Intake.newMessageId());
        String viaOne = tickets.register(one).ticketNumber();
        List<Registration> results = batch.registerAll(List.of(bulk));
        assertThat(results).extracting(Registration::outcome).containsExactly(Registration.Outcome.REGISTERED);
        String viaBulk = results.get(0).ticketNumber();
        assertThat(Long.parseLong(viaBulk)).isGreaterThan(Long.parseLong(viaOne));

        assertThat(ticketRow(viaBulk)).isEqualTo(ticketRow(viaOne)).containsEntry("related_ticket", related)
                .containsEntry("priority", "HIGH").containsEntry("version", 0L);
        assertThat(rows("""
                select c.from_status, c.to_status, c.changed_by, c.changed_at, c.reason from ticket_status_change c
                join ticket t on t.id = c.ticket_id where t.number = ? order by c.id""", viaBulk))
                .isEqualTo(rows("""
                        select c.from_status, c.to_status, c.changed_by, c.changed_at, c.reason from ticket_status_change c
                        join ticket t on t.id = c.ticket_id where t.number = ? order by c.id""", viaOne))
                .hasSize(1);
        String attachments = """
                select a.position, a.name, a.content_type, a.size, a.sha256, a.url from ticket_attachment a
                join ticket t on t.id = a.ticket_id where t.number = ? order by a.position""";
        assertThat(rows(attachments, viaBulk)).isEqualTo(rows(attachments, viaOne)).hasSize(1);
        assertThat(Db.query(dataSource, "select outcome, ticket_number from processed_message where message_id = ?",
                bulk.messageId())).containsExactly(Map.of("outcome", "REGISTERED", "ticket_number", viaBulk));

        List<Map<String, Object>> oneEvents = rows("select topic, event_type, created_at, published_at is null "
                + "as pending, payload from outbox where aggregate_id = ? order by id", viaOne);
        List<Map<String, Object>> bulkEvents = rows("select topic, event_type, created_at, published_at is null "
                + "as pending, payload from outbox where aggregate_id = ? order by id", viaBulk);
        assertThat(bulkEvents).hasSize(1);
        assertThat(withoutIds(bulkEvents.get(0).remove("payload"))).isEqualTo(
                withoutIds(oneEvents.get(0).remove("payload")));
        bulkEvents.get(0).remove("pending"); // the relay may have published one of them already
        oneEvents.get(0).remove("pending");
        assertThat(bulkEvents).isEqualTo(oneEvents);
    }

    @Test
    @DisplayName("R5: the same message id twice in one batch gives one ticket and one event")
    void sameMessageTwiceInOneBatch() {
        IntakeMessage message = Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null);
        List<Registration> results = batch.registerAll(List.of(message, message));
        assertThat(results).extracting(Registration::outcome)
                .containsExactly(Registration.Outcome.REGISTERED, Registration.Outcome.DUPLICATE);
        assertOnce(message);
    }

    @Test
    @DisplayName("R5: a batch delivered again after it was committed (a crash before its offsets were committed) "
            + "registers nothing twice")
    void redeliveredBatchRegistersNothingTwice() {
        List<IntakeMessage> messages = List.of(
                Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null),
                Intake.withInn(Intake.request(Intake.newMessageId(), TicketType.SOFTWARE_BUG, null),
                        TicketRegistrationTest.OTHER_INN),
                Intake.request(Intake.newMessageId(), null, null));
        assertThat(batch.registerAll(messages)).extracting(Registration::outcome)
                .containsOnly(Registration.Outcome.REGISTERED);
        assertThat(batch.registerAll(messages)).extracting(Registration::outcome)
                .containsOnly(Registration.Outcome.DUPLICATE);
        messages.forEach(this::assertOnce);
    }

    @Test
    @DisplayName("R5: a batch that fails is rolled back whole (claims, tickets, events); delivered again, each "
            + "message is registered once")
    void failedBatchLeavesNothing() {
        IntakeMessage first = Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null);
        IntakeMessage second = Intake.request(Intake.newMessageId(), TicketType.DATA_CORRECTION, null);
        IntakeMessage unknown = Intake.followUp(Intake.newMessageId(), "999999999");
        assertThatThrownBy(() -> batch.registerAll(List.of(first, second, unknown)))
                .isInstanceOf(UnknownTicketException.class);
        for (IntakeMessage m : List.of(first, second, unknown)) {
            assertThat(Db.count(dataSource, "select count(*) from processed_message where message_id = ?",
                    m.messageId())).isZero();
            assertThat(Db.count(dataSource, "select count(*) from ticket where message_id = ?", m.messageId()))
                    .isZero();
        }
        assertThat(Db.count(dataSource, "select count(*) from outbox o join ticket t on t.number = o.aggregate_id "
                + "where t.message_id in (?, ?)", first.messageId(), second.messageId())).isZero();

        assertThat(batch.registerAll(List.of(first, second))).extracting(Registration::outcome)
                .containsOnly(Registration.Outcome.REGISTERED);
        assertOnce(first);
        assertOnce(second);
    }

    @Test
    @DisplayName("R4 order per customer: a new request, a message to the customer's closed ticket (a new, linked "
            + "ticket) and another new request in one batch are applied in that order")
    void newRequestsAndFollowUpInOrder() {
        String closed = tickets.register(Intake.request(Intake.newMessageId(), TicketType.SOFTWARE_BUG, null))
                .ticketNumber();
        act(closed, "take", Map.of());
        act(closed, "refuse", Map.of("reason", "Вне компетенции"));
        IntakeMessage before = Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null);
        IntakeMessage followUp = Intake.followUp(Intake.newMessageId(), closed);
        IntakeMessage after = Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null);

        List<Registration> results = batch.registerAll(List.of(before, followUp, after));
        assertThat(results).extracting(Registration::outcome).containsOnly(Registration.Outcome.REGISTERED);
        long n1 = Long.parseLong(results.get(0).ticketNumber());
        long reopened = Long.parseLong(results.get(1).ticketNumber());
        long n2 = Long.parseLong(results.get(2).ticketNumber());
        assertThat(List.of(n1, reopened, n2)).isSorted().doesNotHaveDuplicates();
        assertThat(Db.query(dataSource, "select related_ticket from ticket where number = ?", Long.toString(reopened)))
                .containsExactly(Map.of("related_ticket", closed));
        // the outbox (hence the topic) in the order the customer wrote
        List<String> order = Db.query(dataSource, """
                        select aggregate_id || ' ' || event_type as e from outbox where aggregate_id in (?, ?, ?, ?)
                        and id >= (select id from outbox where aggregate_id = ?) order by id""", Long.toString(n1),
                Long.toString(reopened), closed, Long.toString(n2), Long.toString(n1))
                .stream().map(r -> (String) r.get("e")).toList();
        assertThat(order).containsExactly(n1 + " registered", reopened + " registered",
                closed + " follow_up_received", n2 + " registered");
    }

    @Test
    @DisplayName("R4 R12 order per customer: a reply and then a confirmation of one solved ticket in one batch: the "
            + "reply reopens it, the confirmation after it is only recorded; in the other order the ticket is closed "
            + "and the reply opens a new ticket")
    void followUpAndConfirmationInOrder() {
        String replied = solvedTicket();
        IntakeMessage reply = Intake.followUp(Intake.newMessageId(), replied);
        IntakeMessage confirmation = Intake.withKind(Intake.followUp(Intake.newMessageId(), replied),
                IntakeMessage.Kind.CONFIRMATION);
        assertThat(batch.registerAll(List.of(reply, confirmation))).extracting(Registration::outcome)
                .containsExactly(Registration.Outcome.FOLLOW_UP, Registration.Outcome.FOLLOW_UP);
        assertThat(status(replied)).isEqualTo("IN_PROGRESS");
        assertThat(eventTypes(replied)).endsWith("reopened", "follow_up_received");

        String confirmed = solvedTicket();
        IntakeMessage confirmationFirst = Intake.withKind(Intake.followUp(Intake.newMessageId(), confirmed),
                IntakeMessage.Kind.CONFIRMATION);
        IntakeMessage replyAfter = Intake.followUp(Intake.newMessageId(), confirmed);
        List<Registration> results = batch.registerAll(List.of(confirmationFirst, replyAfter));
        assertThat(results).extracting(Registration::outcome)
                .containsExactly(Registration.Outcome.FOLLOW_UP, Registration.Outcome.REGISTERED);
        assertThat(status(confirmed)).isEqualTo("CLOSED");
        assertThat(eventTypes(confirmed)).endsWith("closed", "follow_up_received");
        assertThat(Db.query(dataSource, "select related_ticket from ticket where number = ?",
                results.get(1).ticketNumber())).containsExactly(Map.of("related_ticket", confirmed));
    }

    @Test
    @DisplayName("R4 R5 R11: a batch of every kind: new requests, an answer to an information request, a bounce, a "
            + "confirmation and a message processed before")
    void batchOfMixedKinds() {
        String waiting = tickets.register(Intake.request(Intake.newMessageId(), TicketType.SOFTWARE_BUG, null))
                .ticketNumber();
        act(waiting, "take", Map.of());
        act(waiting, "request-info", Map.of("question", "Какая версия?"));
        String bounced = tickets.register(Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null))
                .ticketNumber();
        String solved = solvedTicket();
        IntakeMessage old = Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null);
        tickets.register(old);

        IntakeMessage newA = Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null);
        IntakeMessage answer = Intake.followUp(Intake.newMessageId(), waiting);
        IntakeMessage newB = Intake.withInn(Intake.request(Intake.newMessageId(), null, null),
                TicketRegistrationTest.OTHER_INN);
        IntakeMessage bounce = Intake.deliveryFailure(Intake.newMessageId(), bounced, "550 5.1.1 user unknown");
        IntakeMessage confirmation = Intake.withKind(Intake.followUp(Intake.newMessageId(), solved),
                IntakeMessage.Kind.CONFIRMATION);
        IntakeMessage newC = Intake.request(Intake.newMessageId(), TicketType.CHANGE_REQUEST, Impact.NO_EFFECT);

        List<Registration> results = batch.registerAll(List.of(newA, answer, newB, bounce, old, confirmation, newC));
        assertThat(results).extracting(Registration::outcome).containsExactly(Registration.Outcome.REGISTERED,
                Registration.Outcome.FOLLOW_UP, Registration.Outcome.REGISTERED,
                Registration.Outcome.DELIVERY_FAILURE, Registration.Outcome.DUPLICATE,
                Registration.Outcome.FOLLOW_UP, Registration.Outcome.REGISTERED);
        assertThat(results.get(1).ticketNumber()).isEqualTo(waiting);
        assertThat(status(waiting)).isEqualTo("IN_PROGRESS");
        assertThat(Db.query(dataSource, "select delivery_failures from ticket where number = ?", bounced))
                .containsExactly(Map.of("delivery_failures", 1));
        assertThat(status(solved)).isEqualTo("CLOSED");
        assertThat(Db.query(dataSource, "select inn, needs_classification from ticket where number = ?",
                results.get(2).ticketNumber())).containsExactly(Map.of("inn", TicketRegistrationTest.OTHER_INN,
                "needs_classification", true));
        assertThat(Db.query(dataSource, "select priority from ticket where number = ?", results.get(6).ticketNumber()))
                .containsExactly(Map.of("priority", "LOW"));
        for (IntakeMessage m : List.of(newA, answer, newB, bounce, old, confirmation, newC)) {
            assertThat(Db.count(dataSource, "select count(*) from processed_message where message_id = ?",
                    m.messageId())).as(m.kind() + " " + m.messageId()).isEqualTo(1);
        }
        assertOnce(newA);
        assertOnce(newB);
        assertOnce(newC);
        assertOnce(old);
    }

    // ---------------------------------------------------------------- helpers

    /** A ticket Закрытое awaiting the customer's confirmation of the solution (R12). */
    private String solvedTicket() {
        String n = tickets.register(Intake.request(Intake.newMessageId(), TicketType.SOFTWARE_BUG, null))
                .ticketNumber();
        act(n, "take", Map.of());
        act(n, "solve", Map.of("solution", "Обновите программу"));
        return n;
    }

    private static void act(String number, String action, Map<String, ?> body) {
        given().auth().preemptive().basic("operator", "operator").contentType(ContentType.JSON).body(body)
                .when().post("/api/tickets/{n}/actions/{a}", number, action)
                .then().statusCode(200);
    }

    private String status(String number) {
        return (String) Db.query(dataSource, "select status from ticket where number = ?", number).get(0)
                .get("status");
    }

    private List<String> eventTypes(String number) {
        return Db.query(dataSource, "select event_type from outbox where aggregate_id = ? order by id", number)
                .stream().map(r -> (String) r.get("event_type")).toList();
    }

    /** One processed-message row, one ticket, one registered event for a new request. */
    private void assertOnce(IntakeMessage message) {
        assertThat(Db.count(dataSource, "select count(*) from processed_message where message_id = ?",
                message.messageId())).isEqualTo(1);
        List<Map<String, Object>> ticket = Db.query(dataSource, "select number from ticket where message_id = ?",
                message.messageId());
        assertThat(ticket).hasSize(1);
        assertThat(Db.count(dataSource, "select count(*) from outbox where aggregate_id = ? and event_type = "
                + "'registered'", ticket.get(0).get("number"))).isEqualTo(1);
    }

    private Map<String, Object> ticketRow(String number) {
        Map<String, Object> row = new LinkedHashMap<>(Db.query(dataSource, "select * from ticket where number = ?",
                number).get(0));
        row.remove("id");
        row.remove("number");
        row.remove("message_id");
        return row;
    }

    private List<Map<String, Object>> rows(String sql, Object... params) {
        return Db.query(dataSource, sql, params).stream().<Map<String, Object>>map(LinkedHashMap::new).toList();
    }

    /** An event's JSON without what differs between two tickets: event id and ticket number. */
    private static JsonNode withoutIds(Object payload) {
        try {
            ObjectNode node = (ObjectNode) Json.MAPPER.readTree((String) payload);
            node.remove("eventId");
            ((ObjectNode) node.get("ticket")).remove("number");
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IntakeMessage copy(IntakeMessage m, String messageId) {
        return new IntakeMessage(m.schema(), messageId, m.kind(), m.channel(), m.receivedAt(), m.inn(), m.customer(),
                m.ticketNumber(), m.type(), m.process(), m.subject(), m.text(), m.impact(),
                List.of(new AttachmentRef("screen.png", "image/png", 1234, "ab".repeat(32),
                        "http://localhost:8084/api/attachments/1")), m.replyTo(), m.relatedTicket());
    }
}
