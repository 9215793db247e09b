package ru.getmark.support.ticket.lifecycle;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.common.schema.ContractSchemas;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.ticket.service.TicketService;
import ru.getmark.support.ticket.testing.Db;
import ru.getmark.support.ticket.testing.Intake;
import ru.getmark.support.ticket.testing.KafkaTopic;
import ru.getmark.support.ticket.testing.TestClock;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.WAIT;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.act;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.get;
import static ru.getmark.support.ticket.lifecycle.StaffActionsTest.at;

/**
 * Bounces of our notices (IntakeMessage kind delivery_failure, issue 5) through the real Kafka and PostgreSQL: recorded
 * in the ticket's history and shown in its view, and nothing else — not a follow-up of the customer.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "tickets"))
class DeliveryFailureTest {

    static final String USER_UNKNOWN = "550 5.1.1 <buh@romashka.example>: Recipient address rejected: User unknown";

    @InjectInfra
    Infra infra;
    @Inject
    TestClock clock;
    @Inject
    TicketService tickets;
    @Inject
    DataSource dataSource;

    String number;

    @BeforeEach
    void register() {
        clock.fix(at("2026-12-07T10:00"));
        number = tickets.register(Intake.request(Intake.newMessageId(), TicketType.SOFTWARE_BUG,
                Impact.HINDERS_OPERATIONS)).ticketNumber();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    @DisplayName("R8: a bounce on a Новый ticket is in its history and view; status, deadlines, customer unchanged, "
            + "no event")
    void bounceOnNewTicket() {
        JsonPath before = view();
        long events = outboxRows();

        clock.fix(at("2026-12-07T10:30"));
        IntakeMessage bounce = Intake.deliveryFailure(Intake.newMessageId(), number, USER_UNKNOWN);
        publish(bounce);

        List<Map<String, Object>> bounced = awaitBounces(1);
        assertThat(bounced.get(0)).containsEntry("actor", "system").containsEntry("reason", USER_UNKNOWN)
                .containsEntry("at", "2026-12-07T07:30:00Z")
                .containsEntry("details", "message=" + bounce.messageId());
        JsonPath after = view();
        assertUnchanged(before, after);
        assertThat(after.getString("status")).isEqualTo("new");
        assertThat(after.getString("customer.email")).as("the mailer daemon is not the customer")
                .isEqualTo("buh@romashka.example");
        assertThat(after.getString("deliveryProblem.at")).isEqualTo("2026-12-07T07:30:00Z");
        assertThat(after.getString("deliveryProblem.atMsk")).isEqualTo("07.12.2026 10:30 (Мск)");
        assertThat(after.getString("deliveryProblem.reason")).isEqualTo(USER_UNKNOWN);
        assertThat(after.getInt("deliveryProblem.bounces")).isEqualTo(1);
        assertThat(after.getString("deliveryProblem.hint")).contains("по телефону");

        JsonPath history = get("admin", "/api/tickets/{n}/history", number).statusCode(200).extract().jsonPath();
        assertThat(history.getList("statusChanges")).as("no status change").hasSize(1);
        assertThat(history.getList("events.type", String.class)).containsExactly("registered");
        assertThat(outboxRows()).as("no event, hence no notice to the customer").isEqualTo(events);
        assertThat(Db.query(dataSource, "select outcome, ticket_number from processed_message where message_id = ?",
                bounce.messageId())).containsExactly(Map.of("outcome", "DELIVERY_FAILURE", "ticket_number", number));

        // the first line's queue flags it too
        List<Map<String, Object>> queue = get("operator", "/api/queues/first?limit=1000").statusCode(200)
                .extract().jsonPath().getList("findAll { it.number == '" + number + "' }");
        assertThat(queue).singleElement().satisfies(row -> assertThat(row).containsEntry("deliveryProblem", true));
    }

    @Test
    @DisplayName("R9, R11: a bounce while Ожидает ответа пользователя is not the customer's answer: still paused, "
            + "same deadlines and answer window")
    void bounceWhileAwaitingAnswer() {
        act("operator", number, "take", null).statusCode(200);
        act("operator", number, "request-info", Map.of("question", "Какая версия программы?")).statusCode(200);
        JsonPath before = view();
        assertThat(before.getString("status")).isEqualTo("awaiting_user");
        long events = outboxRows();

        clock.fix(at("2026-12-08T09:15"));
        publish(Intake.deliveryFailure(Intake.newMessageId(), number, USER_UNKNOWN));

        awaitBounces(1);
        JsonPath after = view();
        assertUnchanged(before, after);
        assertThat(after.getString("status")).isEqualTo("awaiting_user");
        assertThat(after.getString("pausedAt")).isEqualTo(before.getString("pausedAt")).isNotNull();
        assertThat(after.getString("answerDeadline")).isEqualTo(before.getString("answerDeadline")).isNotNull();
        assertThat(after.getString("deliveryProblem.reason")).isEqualTo(USER_UNKNOWN);
        assertThat(outboxRows()).isEqualTo(events);
        JsonPath history = get("admin", "/api/tickets/{n}/history", number).extract().jsonPath();
        assertThat(history.getList("actions.action", String.class))
                .containsExactly("take", "request-info", "notice-bounced");
        assertThat(history.getList("pauses")).hasSize(1);
        assertThat(history.getString("pauses[0].endedAt")).isNull();
    }

    @Test
    @DisplayName("R4: a bounce on a ticket closed for good is recorded on it and opens no new ticket")
    void bounceOnClosedTicket() {
        act("operator", number, "refuse", Map.of("reason", "Вне компетенции поддержки")).statusCode(200);
        JsonPath before = view();
        long events = outboxRows();

        clock.fix(at("2026-12-21T10:00"));
        IntakeMessage bounce = Intake.deliveryFailure(Intake.newMessageId(), number, USER_UNKNOWN);
        publish(bounce);

        awaitBounces(1);
        JsonPath after = view();
        assertUnchanged(before, after);
        assertThat(after.getString("status")).isEqualTo("closed");
        assertThat(after.getString("closeReason")).isEqualTo(before.getString("closeReason"))
                .contains("Вне компетенции поддержки");
        assertThat(outboxRows()).isEqualTo(events);
        assertThat(Db.count(dataSource, "select count(*) from ticket where message_id = ? or related_ticket = ?",
                bounce.messageId(), number)).as("no new ticket").isZero();
    }

    @Test
    @DisplayName("R5: the same bounce delivered twice is recorded once")
    void duplicateBounceRecordedOnce() {
        IntakeMessage bounce = Intake.deliveryFailure(Intake.newMessageId(), number, USER_UNKNOWN);
        IntakeMessage later = Intake.deliveryFailure(Intake.newMessageId(), number, "552 5.2.2 Mailbox full");
        publish(bounce);
        publish(bounce);
        // same key (the ticket number), same partition: once the later bounce is recorded, both copies were consumed
        publish(later);

        await().atMost(WAIT).untilAsserted(() -> assertThat(bounces())
                .anySatisfy(a -> assertThat(a).containsEntry("reason", "552 5.2.2 Mailbox full")));
        assertThat(bounces()).extracting(a -> a.get("reason")).containsExactly(USER_UNKNOWN, "552 5.2.2 Mailbox full");
        JsonPath after = view();
        assertThat(after.getInt("deliveryProblem.bounces")).isEqualTo(2);
        assertThat(after.getString("deliveryProblem.reason")).as("the last bounce").isEqualTo("552 5.2.2 Mailbox full");
        assertThat(Db.count(dataSource, "select count(*) from processed_message where message_id = ?",
                bounce.messageId())).isEqualTo(1);
    }

    private void assertUnchanged(JsonPath before, JsonPath after) {
        for (String field : List.of("status", "line", "priority", "deadline", "firstLineDeadline",
                "secondLineDeadline", "answerDeadline", "pausedAt", "awaitingConfirmation", "confirmationDeadline",
                "closedAt", "relatedTicket", "customer")) {
            assertThat((Object) after.get(field)).as(field).isEqualTo(before.get(field));
        }
        assertThat(before.getMap("$")).containsEntry("deliveryProblem", null);
    }

    private JsonPath view() {
        return get("operator", "/api/tickets/{n}", number).statusCode(200).extract().jsonPath();
    }

    private List<Map<String, Object>> bounces() {
        return get("admin", "/api/tickets/{n}/history", number).statusCode(200).extract().jsonPath()
                .getList("actions.findAll { it.action == 'notice-bounced' }");
    }

    private List<Map<String, Object>> awaitBounces(int count) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(bounces()).hasSize(count));
        return bounces();
    }

    private long outboxRows() {
        return Db.count(dataSource, "select count(*) from outbox where aggregate_id = ?", number);
    }

    private void publish(IntakeMessage message) {
        byte[] value = Json.toBytes(message);
        assertThat(ContractSchemas.violations(ContractSchemas.INTAKE_MESSAGE, value))
                .as("the test's message obeys intake-message.v1.schema.json").isEmpty();
        KafkaTopic.send(infra.bootstrapServers(), Topics.INTAKE, message.key(), value);
    }
}
