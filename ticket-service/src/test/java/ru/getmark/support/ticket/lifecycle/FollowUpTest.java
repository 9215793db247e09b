package ru.getmark.support.ticket.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.ticket.testing.Db;
import ru.getmark.support.ticket.testing.Intake;
import ru.getmark.support.ticket.testing.KafkaTopic;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.WAIT;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.act;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.awaitEvent;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.get;
import static ru.getmark.support.ticket.lifecycle.StaffActionsTest.at;

/** Follow-ups from getmark.intake.v1 (R4, R11, R12): through the real Kafka, observed through the API and topic. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "tickets"))
class FollowUpTest extends TicketEventsTest {

    String number;

    @BeforeEach
    void registerAndTake() {
        clock.fix(at("2026-12-07T10:00"));
        number = tickets.register(Intake.request(Intake.newMessageId(), TicketType.SOFTWARE_BUG,
                Impact.HINDERS_OPERATIONS)).ticketNumber();
        act("operator", number, "take", null).statusCode(200);
    }

    @Test
    @DisplayName("R11, R5: the customer's answer returns the ticket to work, once even when delivered twice")
    void answerReturnsToWork() {
        act("operator", number, "request-info", Map.of("question", "Какая версия?")).statusCode(200);
        clock.fix(at("2026-12-08T10:00"));
        IntakeMessage f = Intake.followUp(Intake.newMessageId(), number);
        IntakeMessage answer = new IntakeMessage(f.schema(), f.messageId(), f.kind(), f.channel(), f.receivedAt(),
                f.inn(), f.customer(), number, null, null, f.subject(), f.text(), null,
                java.util.List.of(new ru.getmark.support.common.event.AttachmentRef("version.png", "image/png", 42,
                        null, "http://localhost:8081/api/attachments/9")), null);
        publish(answer);
        publish(answer);

        JsonNode received = awaitEvent(events, number, "follow_up_received");
        assertThat(received.at("/data/text").asText()).isEqualTo("Дополнение");
        assertThat(received.at("/data/previousStatus").asText()).isEqualTo("awaiting_user");
        assertThat(received.at("/ticket/status").asText()).isEqualTo("in_progress");
        get("operator", "/api/tickets/{n}", number).statusCode(200).body("status", equalTo("in_progress"))
                .body("pausedAt", equalTo(null));
        assertThat(Db.query(dataSource, "select a.name from ticket_attachment a join ticket t on t.id = a.ticket_id "
                + "where t.number = ? order by a.position", number))
                .extracting(row -> row.get("name")).containsExactly("screen.png", "version.png");

        // a later message of the same customer (same partition) proves the duplicate was seen and skipped
        IntakeMessage later = Intake.followUp(Intake.newMessageId(), number);
        publish(later);
        await().atMost(WAIT).untilAsserted(() -> assertThat(get("admin", "/api/tickets/{n}/history", number)
                .extract().jsonPath().getList("actions.action", String.class))
                .containsExactly("take", "request-info", "follow-up", "follow-up"));
        assertThat(get("admin", "/api/tickets/{n}/history", number).extract().jsonPath()
                .getList("events.type", String.class)).containsExactly("registered", "status_changed",
                "information_requested", "follow_up_received", "follow_up_received");
    }

    @Test
    @DisplayName("R12, §5.27: a reply within the confirmation window reopens the ticket")
    void replyWithinWindowReopens() {
        act("operator", number, "solve", Map.of("solution", "Обновите программу")).statusCode(200);
        clock.fix(at("2026-12-09T10:00"));
        publish(Intake.followUp(Intake.newMessageId(), number));
        JsonNode reopened = awaitEvent(events, number, "reopened");
        assertThat(reopened.at("/ticket/status").asText()).isEqualTo("in_progress");
        assertThat(reopened.at("/data/previousStatus").asText()).isEqualTo("closed");
        get("operator", "/api/tickets/{n}", number).body("status", equalTo("in_progress"))
                .body("awaitingConfirmation", equalTo(false));
    }

    @Test
    @DisplayName("A message for a ticket closed for good opens a new ticket linked to the old one")
    void closedForGoodOpensLinkedTicket() {
        act("operator", number, "refuse", Map.of("reason", "Вне компетенции")).statusCode(200);
        clock.fix(at("2026-12-21T10:00"));
        IntakeMessage message = Intake.followUp(Intake.newMessageId(), number);
        publish(message);

        JsonNode onOld = awaitEvent(events, number, "follow_up_received");
        String newNumber = onOld.at("/data/relatedTicket").asText();
        assertThat(newNumber).isNotBlank().isNotEqualTo(number);
        JsonNode registered = awaitEvent(events, newNumber, "registered");
        assertThat(registered.at("/data/relatedTicket").asText()).isEqualTo(number);
        assertThat(Instant.parse(registered.at("/ticket/registeredAt").asText())).isEqualTo(at("2026-12-21T10:00"));
        get("operator", "/api/tickets/{n}", newNumber).statusCode(200)
                .body("status", equalTo("new")).body("relatedTicket", equalTo(number))
                .body("inn", equalTo(Intake.INN)).body("text", equalTo("Дополнение"));
        get("operator", "/api/tickets/{n}", number).body("status", equalTo("closed"));
    }

    @Test
    @DisplayName("R12: a confirmation message within the window closes the ticket; it opens no new ticket")
    void confirmationMessageCloses() {
        act("operator", number, "solve", Map.of("solution", "Обновите программу")).statusCode(200);
        IntakeMessage f = Intake.followUp(Intake.newMessageId(), number);
        IntakeMessage confirmation = new IntakeMessage(f.schema(), f.messageId(), IntakeMessage.Kind.CONFIRMATION,
                f.channel(), f.receivedAt(), f.inn(), f.customer(), number, null, null, f.subject(), "Всё работает",
                null, null, null);
        publish(confirmation);
        JsonNode closed = awaitEvent(events, number, "closed");
        assertThat(closed.at("/data/actor").asText()).isEqualTo("customer");
        assertThat(closed.at("/data/reason").asText()).isEqualTo("Пользователь подтвердил решение");
        get("operator", "/api/tickets/{n}", number).body("status", equalTo("closed"))
                .body("awaitingConfirmation", equalTo(false));
    }

    private void publish(IntakeMessage message) {
        KafkaTopic.send(infra.bootstrapServers(), Topics.INTAKE, message.key(), Json.toBytes(message));
    }
}
