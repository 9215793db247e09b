package ru.getmark.support.ticket.messaging;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.common.schema.ContractSchemas;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.ticket.service.Registration;
import ru.getmark.support.ticket.service.TicketService;
import ru.getmark.support.ticket.testing.Db;
import ru.getmark.support.ticket.testing.Intake;
import ru.getmark.support.ticket.testing.KafkaTopic;
import ru.getmark.support.ticket.testing.TestClock;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The thinnest real path through ticket-service: intake topic → PostgreSQL → outbox → ticket-events topic. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "tickets"))
class TicketRegistrationTest {

    /** Friday 2026-12-25 17:00 MSK, the regulation's own example (R9). */
    static final Instant FRIDAY_BEFORE_NEW_YEAR = Instant.parse("2026-12-25T14:00:00Z");
    static final Duration WAIT = Duration.ofSeconds(30);
    /** Another customer's valid ИНН. */
    static final String OTHER_INN = "7736207543";

    @InjectInfra
    Infra infra;
    @Inject
    TestClock clock;
    @Inject
    TicketService tickets;
    @Inject
    DataSource dataSource;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    @DisplayName("R2 R7 R9: an intake message becomes a ticket with priority and deadlines, and a registered event")
    void intakeMessageBecomesTicketAndRegisteredEvent() {
        clock.fix(FRIDAY_BEFORE_NEW_YEAR);
        IntakeMessage message = Intake.request(Intake.newMessageId(), TicketType.SOFTWARE_BUG,
                Impact.HINDERS_OPERATIONS);
        publish(message);

        JsonPath ticket = awaitTicket(message.messageId());
        String number = ticket.getString("number");
        assertThat(Long.parseLong(number)).isGreaterThanOrEqualTo(1000);
        assertThat(ticket.getString("status")).isEqualTo("new");
        assertThat(ticket.getString("statusLabel")).isEqualTo("Новый");
        assertThat(ticket.getString("type")).isEqualTo("software_bug");
        assertThat(ticket.getString("typeLabel")).isEqualTo("Ошибка ПО");
        assertThat(ticket.getBoolean("needsClassification")).isFalse();
        // R7: Ошибка ПО that hinders operations → Средний
        assertThat(ticket.getString("priority")).isEqualTo("medium");
        assertThat(ticket.getString("priorityLabel")).isEqualTo("Средний");
        assertThat(ticket.getString("line")).isEqualTo("first");
        assertThat(ticket.getString("channel")).isEqualTo("phone");
        assertThat(ticket.getString("inn")).isEqualTo(Intake.INN);
        assertThat(ticket.getString("customer.name")).isEqualTo("ООО «Ромашка»");
        assertThat(ticket.getString("customer.email")).isEqualTo("buh@romashka.example");
        assertThat(ticket.getString("customer.phone")).isEqualTo("+79255550101");
        assertThat(ticket.getString("subject")).isEqualTo("Не отправляется УПД");
        assertThat(ticket.getString("registeredAt")).isEqualTo("2026-12-25T14:00:00Z");
        assertThat(ticket.getString("registeredAtMsk")).isEqualTo("25.12.2026 17:00 (Мск)");
        // R9: 72 second-line hours from Fri 17:00: 1 h that Friday, 28–30 Dec (27 h), 31 Dec and 1–10 Jan off,
        // 11–14 Jan (36 h), then 8 h on Friday 15 Jan → 17:00 MSK.
        assertThat(ticket.getString("deadline")).isEqualTo("2027-01-15T14:00:00Z");
        assertThat(ticket.getString("deadlineMsk")).isEqualTo("15.01.2027 17:00 (Мск)");
        // 24 first-line hours (09–21): Fri 17–21 (4 h), Mon 28 Dec (12 h), Tue 29 Dec 09–17 (8 h)
        assertThat(ticket.getString("firstLineDeadline")).isEqualTo("2026-12-29T14:00:00Z");
        // 48 second-line hours: 1 + 27 (25–30 Dec) + 9 + 9 (11–12 Jan) + 2 → Wed 13 Jan 11:00 MSK
        assertThat(ticket.getString("secondLineDeadline")).isEqualTo("2027-01-13T08:00:00Z");

        // R8: the registration itself is the first recorded step, by "system"
        List<Map<String, Object>> history = Db.query(dataSource, """
                select c.from_status, c.to_status, c.changed_by, c.changed_at from ticket_status_change c
                join ticket t on t.id = c.ticket_id where t.number = ? order by c.id""", number);
        assertThat(history).hasSize(1);
        assertThat(history.get(0)).containsEntry("from_status", "REGISTRATION").containsEntry("to_status", "NEW")
                .containsEntry("changed_by", "system");
        assertThat(Db.query(dataSource, "select outcome, ticket_number from processed_message where message_id = ?",
                message.messageId())).containsExactly(Map.of("outcome", "REGISTERED", "ticket_number", number));
        assertThat(Db.count(dataSource, """
                select count(*) from ticket_attachment a join ticket t on t.id = a.ticket_id
                where t.number = ? and a.name = 'screen.png' and a.size = 1234""", number)).isEqualTo(1);

        try (KafkaTopic events = KafkaTopic.read(infra.bootstrapServers(), Topics.TICKET_EVENTS)) {
            ConsumerRecord<String, byte[]> record = events.await(r -> number.equals(r.key()), WAIT);
            assertThat(ContractSchemas.violations(ContractSchemas.TICKET_EVENT, record.value()))
                    .as("the published event obeys ticket-event.v1.schema.json").isEmpty();
            TicketEvent event = Json.fromBytes(record.value(), TicketEvent.class);
            assertThat(event.schema()).isEqualTo(TicketEvent.SCHEMA);
            assertThat(event.type()).isEqualTo(TicketEventType.REGISTERED);
            assertThat(event.key()).isEqualTo(number);
            assertThat(event.occurredAt()).isEqualTo(FRIDAY_BEFORE_NEW_YEAR);
            assertThat(event.ticket().number()).isEqualTo(number);
            assertThat(event.ticket().status()).isEqualTo(TicketStatus.NEW);
            assertThat(event.ticket().type()).isEqualTo(TicketType.SOFTWARE_BUG);
            assertThat(event.ticket().priority()).isEqualTo(Priority.MEDIUM);
            assertThat(event.ticket().line()).isEqualTo(SupportLine.FIRST);
            assertThat(event.ticket().inn()).isEqualTo(Intake.INN);
            assertThat(event.ticket().customer()).isEqualTo(message.customer());
            assertThat(event.ticket().channel()).isEqualTo(Channel.PHONE);
            assertThat(event.ticket().registeredAt()).isEqualTo(FRIDAY_BEFORE_NEW_YEAR);
            assertThat(event.ticket().subject()).isEqualTo("Не отправляется УПД");
            assertThat(event.data().actor()).isEqualTo("system");
            assertThat(event.data().text()).as("the customer's text travels only with a Критический registration")
                    .isNull();
            assertThat(event.ticket().deadlines().resolution()).isEqualTo(Instant.parse("2027-01-15T14:00:00Z"));
            assertThat(event.ticket().deadlines().firstLine()).isEqualTo(Instant.parse("2026-12-29T14:00:00Z"));
            assertThat(event.ticket().deadlines().secondLine()).isEqualTo(Instant.parse("2027-01-13T08:00:00Z"));
            assertThat(new String(record.headers().lastHeader("event-id").value(), StandardCharsets.UTF_8))
                    .isEqualTo(event.eventId());
        }
    }

    @Test
    @DisplayName("R7 R9: a bug that stops operations is Высокий, due 12 second-line hours later")
    void stoppingBugIsHighPriority() {
        clock.fix(FRIDAY_BEFORE_NEW_YEAR);
        IntakeMessage message = Intake.request(Intake.newMessageId(), TicketType.SOFTWARE_BUG,
                Impact.STOPS_OPERATIONS);
        publish(message);

        JsonPath ticket = awaitTicket(message.messageId());
        assertThat(ticket.getString("priority")).isEqualTo("high");
        assertThat(ticket.getString("priorityLabel")).isEqualTo("Высокий");
        // Fri 17–18 (1 h), Mon 28 Dec (9 h), Tue 29 Dec 09–11 (2 h)
        assertThat(ticket.getString("deadline")).isEqualTo("2026-12-29T08:00:00Z");
        assertThat(ticket.getString("deadlineMsk")).isEqualTo("29.12.2026 11:00 (Мск)");
        // 8 second-line hours: Fri 1 h + Mon 09–16
        assertThat(ticket.getString("secondLineDeadline")).isEqualTo("2026-12-28T13:00:00Z");
    }

    @Test
    @DisplayName("R7: a request without a type is registered all the same and flagged for classification")
    void requestWithoutTypeNeedsClassification() {
        IntakeMessage message = Intake.request(Intake.newMessageId(), null, null);
        publish(message);

        JsonPath ticket = awaitTicket(message.messageId());
        assertThat(ticket.getBoolean("needsClassification")).isTrue();
        assertThat(ticket.getString("type")).isNull();
        assertThat(ticket.getString("typeLabel")).isNull();
        assertThat(ticket.getMap("$")).containsKey("type").containsKey("typeLabel");
        assertThat(ticket.getString("priority")).isEqualTo("medium");
        assertThat(ticket.getString("status")).isEqualTo("new");
    }

    @Test
    @DisplayName("R5: the same message delivered twice gives one ticket and one registered event")
    void duplicateMessageRegistersOnce() {
        IntakeMessage message = Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null);
        IntakeMessage marker = Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null);
        publish(message);
        publish(message);
        // Same ИНН = same partition: once the marker is registered, both copies have been consumed, and once the
        // marker's event is on the topic, every event written before it is too (the relay keeps outbox order).
        publish(marker);

        String number = awaitTicket(message.messageId()).getString("number");
        String markerNumber = awaitTicket(marker.messageId()).getString("number");
        assertThat(Long.parseLong(markerNumber)).isGreaterThan(Long.parseLong(number));
        assertThat(Db.count(dataSource, "select count(*) from ticket where message_id = ?", message.messageId()))
                .isEqualTo(1);
        assertThat(Db.count(dataSource, "select count(*) from outbox where aggregate_id = ?", number)).isEqualTo(1);

        try (KafkaTopic events = KafkaTopic.read(infra.bootstrapServers(), Topics.TICKET_EVENTS)) {
            events.await(r -> markerNumber.equals(r.key()), WAIT);
            events.poll();
            assertThat(events.seen(r -> number.equals(r.key()))).hasSize(1);
        }
    }

    @Test
    @DisplayName("R5: the same message registered concurrently gives one ticket")
    void concurrentDuplicatesRegisterOnce() throws Exception {
        IntakeMessage message = Intake.request(Intake.newMessageId(), TicketType.DATA_CORRECTION,
                Impact.NO_EFFECT);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Registration>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return tickets.register(message);
                }));
            }
            start.countDown();
            List<Registration> outcomes = new ArrayList<>();
            for (Future<Registration> f : results) {
                outcomes.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(outcomes).filteredOn(r -> r.outcome() == Registration.Outcome.REGISTERED).hasSize(1);
            assertThat(outcomes).filteredOn(r -> r.outcome() == Registration.Outcome.DUPLICATE)
                    .hasSize(threads - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Db.count(dataSource, "select count(*) from ticket where message_id = ?", message.messageId()))
                .isEqualTo(1);
        String number = Db.query(dataSource, "select number from ticket where message_id = ?",
                message.messageId()).get(0).get("number").toString();
        assertThat(Db.count(dataSource, "select count(*) from outbox where aggregate_id = ?", number)).isEqualTo(1);
        // R7: Корректировка данных with no effect on operations → Низкий
        assertThat(Db.query(dataSource, "select priority from ticket where number = ?", number).get(0))
                .containsEntry("priority", "LOW");
    }

    @Test
    @DisplayName("Ticket numbers come from the database sequence, strictly increasing")
    void numbersIncrease() {
        List<Long> numbers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Registration r = tickets.register(Intake.request(Intake.newMessageId(), TicketType.CHANGE_REQUEST,
                    null));
            assertThat(r.outcome()).isEqualTo(Registration.Outcome.REGISTERED);
            numbers.add(Long.parseLong(r.ticketNumber()));
        }
        assertThat(numbers).isSorted().doesNotHaveDuplicates();
        assertThat(numbers.get(0)).isGreaterThanOrEqualTo(1000);
    }

    // A follow-up naming no known ticket: parked on the DLQ, see IntakeDeadLetterTest.

    @Test
    @DisplayName("R4: a new request naming another customer's ticket is registered and linked to it; the registered "
            + "event carries it")
    void newRequestWithRelatedTicketIsLinked() {
        String other = tickets.register(Intake.withInn(Intake.request(Intake.newMessageId(),
                TicketType.SOFTWARE_BUG, null), OTHER_INN)).ticketNumber();
        IntakeMessage message = Intake.withRelatedTicket(Intake.request(Intake.newMessageId(),
                TicketType.CONSULTATION, null), other);
        publish(message);

        JsonPath ticket = awaitTicket(message.messageId());
        String number = ticket.getString("number");
        assertThat(number).isNotEqualTo(other);
        assertThat(ticket.getString("relatedTicket")).isEqualTo(other);
        assertThat(ticket.getString("status")).isEqualTo("new");
        assertThat(ticket.getString("inn")).as("the sender's own ticket").isEqualTo(Intake.INN);
        JsonPath history = history(number);
        assertThat(history.getList("statusChanges.reason", String.class))
                .containsExactly("Автоматическая регистрация обращения (в сообщении указано обращение № " + other + ")");

        try (KafkaTopic events = KafkaTopic.read(infra.bootstrapServers(), Topics.TICKET_EVENTS)) {
            ConsumerRecord<String, byte[]> record = events.await(r -> number.equals(r.key()), WAIT);
            assertThat(ContractSchemas.violations(ContractSchemas.TICKET_EVENT, record.value())).isEmpty();
            TicketEvent event = Json.fromBytes(record.value(), TicketEvent.class);
            assertThat(event.type()).isEqualTo(TicketEventType.REGISTERED);
            assertThat(event.data().relatedTicket()).isEqualTo(other);
        }
        // the other customer's ticket is not touched
        JsonPath otherView = given().auth().preemptive().basic("admin", "admin").get("/api/tickets/{n}", other)
                .then().statusCode(200).extract().jsonPath();
        assertThat(otherView.getString("inn")).isEqualTo(OTHER_INN);
        assertThat(otherView.getString("relatedTicket")).isNull();
        assertThat(history(other).getList("actions")).isEmpty();
    }

    @ParameterizedTest(name = "relatedTicket \"{0}\"")
    @ValueSource(strings = {"999999999", "12-34", "абв", "№ 99999999999999999999"})
    @DisplayName("R1: a new request naming an unknown or malformed related ticket is registered all the same, unlinked")
    void unknownRelatedTicketIsIgnored(String related) {
        IntakeMessage message = Intake.withRelatedTicket(Intake.request(Intake.newMessageId(),
                TicketType.CONSULTATION, null), related);
        publish(message);

        JsonPath ticket = awaitTicket(message.messageId());
        String number = ticket.getString("number");
        assertThat(ticket.getString("status")).isEqualTo("new");
        assertThat(ticket.getMap("$")).containsEntry("relatedTicket", null);
        assertThat(history(number).getList("statusChanges.reason", String.class))
                .containsExactly("Автоматическая регистрация обращения");
        try (KafkaTopic events = KafkaTopic.read(infra.bootstrapServers(), Topics.TICKET_EVENTS)) {
            ConsumerRecord<String, byte[]> record = events.await(r -> number.equals(r.key()), WAIT);
            assertThat(ContractSchemas.violations(ContractSchemas.TICKET_EVENT, record.value())).isEmpty();
            assertThat(Json.fromBytes(record.value(), TicketEvent.class).data().relatedTicket()).isNull();
        }
    }

    @Test
    @DisplayName("A related ticket written as customers write it (\"№ 1234\") is understood")
    void relatedTicketWithNumberSign() {
        String other = tickets.register(Intake.request(Intake.newMessageId(), TicketType.SOFTWARE_BUG, null))
                .ticketNumber();
        Registration r = tickets.register(Intake.withRelatedTicket(Intake.request(Intake.newMessageId(),
                TicketType.CONSULTATION, null), " № " + other + " "));
        assertThat(r.outcome()).isEqualTo(Registration.Outcome.REGISTERED);
        assertThat(Db.query(dataSource, "select related_ticket from ticket where number = ?", r.ticketNumber()))
                .containsExactly(Map.of("related_ticket", other));
    }

    private static JsonPath history(String number) {
        return given().auth().preemptive().basic("admin", "admin").get("/api/tickets/{n}/history", number)
                .then().statusCode(200).extract().jsonPath();
    }

    private void publish(IntakeMessage message) {
        byte[] value = Json.toBytes(message);
        assertThat(ContractSchemas.violations(ContractSchemas.INTAKE_MESSAGE, value))
                .as("the test's message obeys intake-message.v1.schema.json").isEmpty();
        KafkaTopic.send(infra.bootstrapServers(), Topics.INTAKE, message.key(), value);
    }

    static JsonPath awaitTicket(String messageId) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> given()
                .auth().preemptive().basic("admin", "admin")
                .queryParam("messageId", messageId)
                .get("/api/tickets").statusCode() == 200);
        return given().auth().preemptive().basic("admin", "admin")
                .queryParam("messageId", messageId)
                .get("/api/tickets")
                .then().statusCode(200)
                .extract().jsonPath();
    }
}
