package ru.getmark.support.ticket.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.ticket.service.LifecycleJobs;
import ru.getmark.support.ticket.testing.Intake;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.act;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.awaitEvent;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.get;
import static ru.getmark.support.ticket.lifecycle.StaffActionsTest.at;

/** The scheduled jobs, called directly after moving the application's clock (no waiting). */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "tickets"))
class LifecycleJobsTest extends TicketEventsTest {

    @Inject
    LifecycleJobs jobs;

    private String inProgress(Impact impact) {
        String n = tickets.register(Intake.request(Intake.newMessageId(), TicketType.SOFTWARE_BUG, impact))
                .ticketNumber();
        act("operator", n, "take", null).statusCode(200);
        return n;
    }

    @Test
    @DisplayName("R11: no answer within 3 working days → Закрытое with the reason and a closed event")
    void autoCloseWithoutAnswer() {
        clock.fix(at("2027-02-01T10:00")); // Monday
        String n = inProgress(Impact.HINDERS_OPERATIONS);
        act("operator", n, "request-info", Map.of("question", "Какая версия?")).statusCode(200);

        clock.fix(at("2027-02-04T09:59"));
        jobs.autoClose();
        get("operator", "/api/tickets/{n}", n).body("status", equalTo("awaiting_user"));

        clock.fix(at("2027-02-04T10:00"));
        assertThat(jobs.autoClose()).isGreaterThanOrEqualTo(1);
        get("operator", "/api/tickets/{n}", n).body("status", equalTo("closed"))
                .body("closeReason", equalTo("Пользователь не ответил на запрос дополнительных сведений в течение "
                        + "3 рабочих дней"));
        JsonNode closed = awaitEvent(events, n, "closed");
        assertThat(closed.at("/data/actor").asText()).isEqualTo("system");
        assertThat(closed.at("/data/previousStatus").asText()).isEqualTo("awaiting_user");
        List<String> by = get("admin", "/api/tickets/{n}/history", n).extract().jsonPath()
                .getList("statusChanges.by", String.class);
        assertThat(by).last().isEqualTo("system");
        jobs.autoClose();
        assertThat(get("admin", "/api/tickets/{n}/history", n).extract().jsonPath()
                .getList("events.type", String.class)).containsOnlyOnce("closed");
    }

    @Test
    @DisplayName("R12: no reaction to a solution within 3 working days → closed for good; the link no longer works")
    void autoCloseWithoutReaction() {
        clock.fix(at("2027-02-01T10:00"));
        String n = inProgress(Impact.HINDERS_OPERATIONS);
        act("operator", n, "solve", Map.of("solution", "Обновите программу")).statusCode(200);
        clock.fix(at("2027-02-04T10:00"));
        jobs.autoClose();
        get("operator", "/api/tickets/{n}", n).body("status", equalTo("closed"))
                .body("awaitingConfirmation", equalTo(false))
                .body("closeReason", equalTo("Пользователь не отреагировал на решение в течение 3 рабочих дней"));
        JsonNode closed = awaitEvent(events, n, "closed");
        assertThat(closed.at("/data/previousStatus").asText()).isEqualTo("closed");
    }

    @Test
    @DisplayName("Several replicas: concurrent ticks close a ticket once")
    void concurrentTicksCloseOnce() throws Exception {
        clock.fix(at("2027-03-01T10:00"));
        String n = inProgress(Impact.HINDERS_OPERATIONS);
        act("operator", n, "request-info", Map.of("question", "?")).statusCode(200);
        clock.fix(at("2027-03-04T10:00"));
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(jobs::autoClose);
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(jobs::autoClose);
        a.get();
        b.get();
        assertThat(get("admin", "/api/tickets/{n}/history", n).extract().jsonPath()
                .getList("events.type", String.class)).containsOnlyOnce("closed");
    }

    @Test
    @DisplayName("R9: sla_breach_near at 80 % of the first line's time, sla_breached at the deadline, once each")
    void slaAlerts() {
        clock.fix(at("2027-02-08T10:00")); // Monday; Высокий: first line 4 h → 14:00
        String n = tickets.register(Intake.request(Intake.newMessageId(), TicketType.SOFTWARE_BUG,
                Impact.STOPS_OPERATIONS)).ticketNumber();
        Instant firstLine = Instant.parse(get("admin", "/api/tickets/{n}", n).extract().jsonPath()
                .getString("firstLineDeadline"));
        assertThat(firstLine).isEqualTo(at("2027-02-08T14:00"));

        clock.fix(at("2027-02-08T13:00"));
        jobs.slaAlerts();
        clock.fix(at("2027-02-08T13:12"));
        jobs.slaAlerts();
        jobs.slaAlerts();
        JsonNode near = awaitEvent(events, n, "sla_breach_near");
        assertThat(near.at("/data/deadlineKind").asText()).isEqualTo("first_line");
        assertThat(Instant.parse(near.at("/data/newDeadline").asText())).isEqualTo(firstLine);

        clock.fix(at("2027-02-08T14:00"));
        jobs.slaAlerts();
        jobs.slaAlerts();
        JsonNode breached = awaitEvent(events, n, "sla_breached");
        assertThat(breached.at("/data/deadlineKind").asText()).isEqualTo("first_line");
        assertThat(get("admin", "/api/tickets/{n}/history", n).extract().jsonPath()
                .getList("events.type", String.class))
                .containsExactly("registered", "sla_breach_near", "sla_breached");
    }
}
