package ru.getmark.support.ticket.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.Deadlines;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.time.MoscowTime;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.ticket.domain.sla.SlaPolicy;
import ru.getmark.support.ticket.testing.Intake;

import ru.getmark.support.ticket.testing.Db;
import ru.getmark.support.ticket.testing.HeldLock;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.act;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.awaitEvent;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.get;

/** Staff actions through the real HTTP API, with the events on the real topic and the history in PostgreSQL. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "tickets"))
class StaffActionsTest extends TicketEventsTest {

    /** Monday 2026-12-07 10:00 MSK. */
    static final Instant MONDAY = at("2026-12-07T10:00");

    @Inject
    SlaPolicy policy;

    String number;

    static Instant at(String msk) {
        return LocalDateTime.parse(msk).atZone(MoscowTime.ZONE).toInstant();
    }

    @BeforeEach
    void register() {
        clock.fix(MONDAY);
        number = tickets.register(Intake.request(Intake.newMessageId(), TicketType.SOFTWARE_BUG, Impact.HINDERS_OPERATIONS))
                .ticketNumber();
    }

    @Test
    @DisplayName("R8, R11, R12, R9: take → request info (clock stops) → resume (deadlines move) → solve with a link")
    void mainPath() {
        act("operator", number, "take", null).statusCode(200)
                .body("status", equalTo("in_progress")).body("statusLabel", equalTo("В работе"))
                .body("allowedActions", hasItems("request-info", "solve", "escalate"));
        JsonNode taken = awaitEvent(events, number, "status_changed");
        assertThat(taken.at("/data/previousStatus").asText()).isEqualTo("new");
        assertThat(taken.at("/data/actor").asText()).isEqualTo("operator");

        Deadlines before = deadlines(number);
        clock.fix(at("2026-12-07T11:00"));
        act("operator", number, "request-info", Map.of("question", "Пришлите скриншот")).statusCode(200)
                .body("status", equalTo("awaiting_user"))
                .body("pausedAt", notNullValue())
                .body("answerDeadline", equalTo("2026-12-10T08:00:00Z"));
        JsonNode asked = awaitEvent(events, number, "information_requested");
        assertThat(asked.at("/data/question").asText()).isEqualTo("Пришлите скриншот");
        assertThat(asked.at("/ticket/status").asText()).isEqualTo("awaiting_user");

        // a whole working day later the ticket goes back to work: every deadline keeps the time that was left
        clock.fix(at("2026-12-08T11:00"));
        act("operator", number, "resume", Map.of("reason", "Ответ получен по телефону")).statusCode(200)
                .body("status", equalTo("in_progress")).body("pausedAt", nullValue());
        Deadlines expected = policy.resume(before, at("2026-12-07T11:00"), at("2026-12-08T11:00"));
        assertThat(deadlines(number)).isEqualTo(expected);
        assertThat(expected.resolution()).isAfter(before.resolution());

        clock.fix(at("2026-12-08T12:00"));
        act("operator", number, "solve", Map.of("solution", "Переустановите сертификат")).statusCode(200)
                .body("status", equalTo("closed"))
                .body("awaitingConfirmation", equalTo(true))
                .body("statusDetail", containsString("ожидает подтверждения"))
                .body("confirmationDeadline", equalTo("2026-12-11T09:00:00Z"));
        JsonNode solved = awaitEvent(events, number, "solution_provided");
        assertThat(solved.at("/data/solution").asText()).isEqualTo("Переустановите сертификат");
        assertThat(solved.at("/data/confirmationUrl").asText())
                .matches("http://localhost:8080/confirm/[A-Za-z0-9_-]{43}");
        assertThat(LifecycleApi.typesFor(events, number)).containsExactly("registered", "status_changed",
                "information_requested", "status_changed", "solution_provided");

        JsonPath history = get("line2", "/api/tickets/{n}/history", number).statusCode(200).extract().jsonPath();
        assertThat(history.getList("statusChanges.to", String.class))
                .containsExactly("new", "in_progress", "awaiting_user", "in_progress", "closed");
        assertThat(history.getList("statusChanges.by", String.class))
                .containsExactly("system", "operator", "operator", "operator", "operator");
        assertThat(history.getList("actions.action", String.class))
                .containsExactly("take", "request-info", "resume", "solve");
        assertThat(history.getString("pauses[0].status")).isEqualTo("awaiting_user");
        assertThat(Instant.parse(history.getString("pauses[0].startedAt"))).isEqualTo(at("2026-12-07T11:00"));
        assertThat(Instant.parse(history.getString("pauses[0].endedAt"))).isEqualTo(at("2026-12-08T11:00"));
        assertThat(history.getList("events.type", String.class)).containsExactly("registered", "status_changed",
                "information_requested", "status_changed", "solution_provided");
    }

    @Test
    @DisplayName("R8: an illegal transition is 409 with the allowed actions; the ticket is unchanged")
    void illegalTransition() {
        act("operator", number, "solve", Map.of("solution", "x")).statusCode(409)
                .body("title", equalTo("Действие недопустимо"))
                .body("detail", containsString("Предоставить решение"))
                .body("allowedActions", hasItems("take", "refuse", "escalate"));
        get("operator", "/api/tickets/{n}", number).statusCode(200).body("status", equalTo("new"));
    }

    @Test
    @DisplayName("400 names the missing field; 404 for an unknown action")
    void badRequests() {
        act("operator", number, "refuse", Map.of()).statusCode(400)
                .body("detail", containsString("reason"));
        act("operator", number, "change-priority", Map.of("reason", "x")).statusCode(400)
                .body("detail", containsString("priority"));
        act("operator", number, "fly", Map.of()).statusCode(404).body("detail", containsString("take"));
        get("operator", "/api/tickets/search?status=flying").statusCode(400).body("detail", containsString("in_progress"));
    }

    @Test
    @DisplayName("R14: another line's staff get 403 but may read; ADMIN acts on every line")
    void lineRules() {
        act("line2", number, "take", null).statusCode(403).body("detail", containsString("Первая линия"));
        get("line2", "/api/tickets/{n}", number).statusCode(200).body("allowedActions.size()", equalTo(0));
        act("visitor", number, "take", null).statusCode(403);
        act("admin", number, "take", null).statusCode(200).body("status", equalTo("in_progress"));
    }

    @Test
    @DisplayName("R14, R13, R18: escalate 1 → 2 → 3, line 3 assigns, return to 2; route to developers with a bug report")
    void linesAssignmentAndDevelopers() {
        act("operator", number, "escalate", Map.of("reason", "Нужна экспертиза")).statusCode(200)
                .body("line", equalTo("second"));
        JsonNode moved = awaitEvent(events, number, "line_changed");
        assertThat(moved.at("/data/previousLine").asText()).isEqualTo("first");
        act("operator", number, "take", null).statusCode(403);
        act("line2", number, "take", null).statusCode(200);
        act("line2", number, "route-to-developers", Map.of("bugReport",
                Map.of("expected", "УПД отправляется", "steps", "1. Открыть УПД 2. Отправить"))).statusCode(200)
                .body("line", equalTo("third"));
        JsonNode routed = awaitEvent(events, number, "routed_to_developers");
        assertThat(routed.at("/data/bugReport/title").asText()).isEqualTo("Не отправляется УПД контрагенту");
        assertThat(routed.at("/data/bugReport/customer").asText()).contains(number, Intake.INN);
        assertThat(routed.at("/data/bugReport/expected").asText()).isEqualTo("УПД отправляется");
        assertThat(routed.at("/data/bugReport/attachments/0/name").asText()).isEqualTo("screen.png");

        act("line3", number, "assign", Map.of("role", "developer", "name", "Иванов")).statusCode(200)
                .body("assignee", equalTo("developer: Иванов"));
        assertThat(awaitEvent(events, number, "assigned").at("/data/assignee").asText())
                .isEqualTo("developer: Иванов");
        act("line3", number, "return", Map.of("reason", "Уточните версию")).statusCode(200)
                .body("line", equalTo("second")).body("assignee", nullValue());
        get("line2", "/api/queues/second").statusCode(200).body("number", hasItem(number));
    }

    @Test
    @DisplayName("R7, R9, R10: Критический drops the hour deadlines and is flagged; extension is announced")
    void priorityAndDeadline() {
        Instant later = deadlines(number).resolution().plusSeconds(86_400);
        act("operator", number, "extend-deadline", Map.of("newDeadline", later.toString(),
                "reason", "Ожидаем ответ оператора ЭДО")).statusCode(200)
                .body("deadline", equalTo(later.toString()));
        JsonNode extended = awaitEvent(events, number, "deadline_changed");
        assertThat(Instant.parse(extended.at("/data/newDeadline").asText())).isEqualTo(later);

        act("operator", number, "change-priority", Map.of("priority", "critical", "reason", "Продукт недоступен"))
                .statusCode(200).body("priority", equalTo("critical")).body("deadline", nullValue())
                .body("criticalSince", notNullValue());
        JsonNode changed = awaitEvent(events, number, "priority_changed");
        assertThat(changed.at("/data/previousPriority").asText()).isEqualTo("medium");
        assertThat(changed.at("/ticket/priority").asText()).isEqualTo("critical");
        JsonNode flagged = awaitEvent(events, number, "sla_breach_near");
        assertThat(flagged.at("/data/deadlineKind").asText()).isEqualTo("resolution");
        assertThat(flagged.at("/data/actor").asText()).isEqualTo("system");

        // Критический comes first in the line's queue
        List<String> queue = get("operator", "/api/queues/first").statusCode(200).extract().jsonPath()
                .getList("number", String.class);
        assertThat(queue.indexOf(number)).isLessThanOrEqualTo(
                get("operator", "/api/queues/first").extract().jsonPath().getList("priority", String.class)
                        .lastIndexOf("critical"));
        get("operator", "/api/tickets/search?q={q}&priority=critical", number).statusCode(200)
                .body("number", equalTo(List.of(number)));
    }

    @Test
    @DisplayName("Concurrency: two staff members take the same ticket at once — one wins, the other gets 409")
    void concurrentActions() throws Exception {
        for (int round = 0; round < 3; round++) {
            String n = round == 0 ? number : tickets.register(Intake.request(Intake.newMessageId(),
                    TicketType.SOFTWARE_BUG, Impact.HINDERS_OPERATIONS)).ticketNumber();
            CyclicBarrier barrier = new CyclicBarrier(2);
            List<CompletableFuture<Integer>> racers = new ArrayList<>();
            for (String login : List.of("operator", "admin")) {
                racers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        barrier.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return act(login, n, "take", null).extract().statusCode();
                }));
            }
            List<Integer> codes = new ArrayList<>();
            for (CompletableFuture<Integer> f : racers) {
                codes.add(f.get());
            }
            assertThat(codes).containsExactlyInAnyOrder(200, 409);
            JsonPath history = get("admin", "/api/tickets/{n}/history", n).extract().jsonPath();
            assertThat(history.getList("statusChanges.to", String.class)).containsExactly("new", "in_progress");
            assertThat(history.getList("events.type", String.class)).containsExactly("registered", "status_changed");
        }
    }

    @Test
    @DisplayName("Optimistic locking: a change committed while an action is being written makes that action 409")
    void optimisticLockLoser() throws Exception {
        try (HeldLock other = HeldLock.ticketRow(dataSource, number)) {
            CompletableFuture<Integer> take = CompletableFuture.supplyAsync(() ->
                    act("operator", number, "take", null).extract().statusCode());
            // the action read the ticket and now waits to write it
            await().atMost(LifecycleApi.WAIT).until(() -> Db.count(dataSource, "select count(*) from "
                    + "pg_stat_activity where wait_event_type = 'Lock' and query ilike 'update ticket %'") > 0);
            other.execute("update ticket set version = version + 1 where number = ?", number);
            other.release();
            assertThat(take.get()).isEqualTo(409);
        }
        JsonPath history = get("admin", "/api/tickets/{n}/history", number).extract().jsonPath();
        assertThat(history.getList("statusChanges.to", String.class)).containsExactly("new");
        assertThat(history.getList("events.type", String.class)).containsExactly("registered");
        act("operator", number, "take", null).statusCode(200);
    }

    @Test
    @DisplayName("A stale If-Match version is refused with 409")
    void staleVersion() {
        long version = get("operator", "/api/tickets/{n}", number).extract().jsonPath().getLong("version");
        act("operator", number, "reclassify", Map.of("type", "consultation")).statusCode(200);
        io.restassured.RestAssured.given().auth().preemptive().basic("operator", "operator")
                .header("If-Match", String.valueOf(version))
                .contentType(io.restassured.http.ContentType.JSON).body(Map.of())
                .when().post("/api/tickets/{n}/actions/take", number)
                .then().statusCode(409).body("detail", containsString("изменено"));
    }

    @Test
    @DisplayName("R14: search by ИНН, channel, status and text; by number with or without «№»")
    void search() {
        get("operator", "/api/tickets/search?inn={inn}&channel=phone&status=new&q=контрагенту", Intake.INN)
                .statusCode(200).body("number", hasItem(number))
                .body("find { it.number == '%s' }.workingMinutesLeft".formatted(number), notNullValue());
        get("operator", "/api/tickets/search?q={q}", "№ " + number).statusCode(200)
                .body("number", equalTo(List.of(number)));
        get("operator", "/api/tickets/search?inn=0000000000").statusCode(200).body("size()", equalTo(0));
    }

    @Test
    @DisplayName("/q/openapi documents every lifecycle endpoint, with examples")
    void openApi() {
        String doc = io.restassured.RestAssured.given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        assertThat(doc).contains("/api/tickets/{number}/actions/{action}", "/api/tickets/{number}/history",
                "/api/tickets/search", "/api/queues/{line}", "/confirm/{token}", "Пришлите скриншот ошибки",
                "allowedActions");
    }

    private Deadlines deadlines(String n) {
        JsonPath t = get("admin", "/api/tickets/{n}", n).extract().jsonPath();
        return new Deadlines(instant(t.getString("deadline")), instant(t.getString("firstLineDeadline")),
                instant(t.getString("secondLineDeadline")));
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
