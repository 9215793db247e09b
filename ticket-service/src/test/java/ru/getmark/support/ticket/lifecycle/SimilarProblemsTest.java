package ru.getmark.support.ticket.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.infra.InfraTestResource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.act;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.awaitEvent;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.get;
import static ru.getmark.support.ticket.lifecycle.StaffActionsTest.at;

/**
 * R15 (regulation §5.10, §5.28): a ticket with the same problem as one already worked on above the first line is
 * linked to it instead of being escalated again, through the real HTTP API, with the events on the real topic.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "tickets"))
class SimilarProblemsTest extends TicketEventsTest {

    /** Monday 2027-03-15 10:00 MSK. */
    static final Instant MONDAY = at("2027-03-15T10:00");

    Groups group;

    @BeforeEach
    void newGroup() {
        group = new Groups(tickets, clock);
    }

    @Test
    @DisplayName("R15: candidates are open escalated tickets of the same process, newest first; linking instead of "
            + "escalating is recorded, announced (similar_linked) and shown on both tickets")
    void linkInsteadOfEscalating() {
        // the root: escalated to line 2, then routed to developers (line 3)
        String root = group.escalatedRoot(MONDAY);
        act("line2", root, "take", null).statusCode(200);
        act("line2", root, "route-to-developers", Map.of()).statusCode(200).body("line", equalTo("third"));
        // an older escalated one of the same process, one still on line 1, one closed: only the escalated open ones
        String older = group.escalatedRoot(MONDAY.minus(Duration.ofHours(2)));
        String firstLine = group.register(MONDAY.plus(Duration.ofMinutes(5)));
        String refused = group.escalatedRoot(MONDAY.plus(Duration.ofMinutes(6)));
        act("line2", refused, "refuse", Map.of("reason", "Вне компетенции")).statusCode(200);
        String n = group.register(MONDAY.plus(Duration.ofMinutes(30)));

        List<String> candidates = get("operator", "/api/tickets/{n}/similar", n).statusCode(200)
                .body("[0].matchedBy", equalTo(List.of("process")))
                .body("[0].lineLabel", equalTo("Третья линия"))
                .extract().jsonPath().getList("number", String.class);
        assertThat(candidates).containsExactly(root, older); // newest first; not n, firstLine or refused
        assertThat(get("operator", "/api/tickets/{n}/similar?q=накладная", n).extract().jsonPath()
                .getList("number", String.class)).isEmpty();
        // the ticket offers linking, and escalating still (it is up to staff)
        get("operator", "/api/tickets/{n}", n).statusCode(200).body("allowedActions", hasItem("link"))
                .body("allowedActions", hasItem("escalate"));

        clock.fix(MONDAY.plus(Duration.ofMinutes(40)));
        act("operator", n, "link", Map.of("ticket", "№ " + root, "reason", "Та же ошибка отправки УПД"))
                .statusCode(200)
                .body("linkedTo.number", equalTo(root))
                .body("linkedTo.line", equalTo("third"))
                .body("linkedTo.statusLabel", equalTo("В работе"))
                .body("linkedAt", equalTo("2027-03-15T07:40:00Z"))
                .body("status", equalTo("new")).body("line", equalTo("first"))
                .body("massProblem", nullValue())
                .body("allowedActions", hasItem("unlink"))
                .body("allowedActions", not(hasItem("escalate")))
                .body("allowedActions", not(hasItem("link")));
        JsonNode linked = awaitEvent(events, n, "similar_linked"); // checked against the JSON Schema
        assertThat(linked.at("/data/relatedTicket").asText()).isEqualTo(root);
        assertThat(linked.at("/data/actor").asText()).isEqualTo("operator");
        assertThat(linked.at("/data/reason").asText()).isEqualTo("Та же ошибка отправки УПД");
        assertThat(linked.at("/ticket/number").asText()).isEqualTo(n);

        // the root shows what is linked to it, its history says who linked what
        get("line3", "/api/tickets/{n}", root).statusCode(200)
                .body("linkedTickets.number", equalTo(List.of(n)))
                .body("linkedTickets[0].customerName", containsString("Клиент"))
                .body("linkedTo", nullValue());
        JsonPath rootHistory = get("line3", "/api/tickets/{n}/history", root).extract().jsonPath();
        assertThat(rootHistory.getList("actions.action", String.class)).contains("similar-linked");
        assertThat(rootHistory.getList("actions.details", String.class)).contains("ticket=" + n);
        JsonPath history = get("operator", "/api/tickets/{n}/history", n).extract().jsonPath();
        assertThat(history.getList("actions.action", String.class)).containsExactly("link");
        assertThat(history.getList("events.type", String.class)).containsExactly("registered", "similar_linked");
        // the queue shows the link
        get("operator", "/api/tickets/search?q={n}", n).body("[0].linkedTo", equalTo(root));

        // §5.10: escalation refused, naming the ticket the work goes on in
        act("operator", n, "escalate", Map.of("reason", "Нужна вторая линия")).statusCode(409)
                .body("title", equalTo("Действие недопустимо"))
                .body("detail", containsString("№ " + root))
                .body("detail", containsString("уже ведутся"))
                .body("allowedActions", hasItem("unlink"));
        get("operator", "/api/tickets/{n}", n).body("line", equalTo("first"));

        // another similar one, linked through the member, ends up in the root's group (no chains)
        String other = group.register(MONDAY.plus(Duration.ofMinutes(50)));
        get("operator", "/api/tickets/{n}/similar", other).body("find { it.number == '%s' }.linkedTickets"
                .formatted(root), equalTo(1));
        act("operator", other, "link", Map.of("ticket", n)).statusCode(200).body("linkedTo.number", equalTo(root));
        assertThat(awaitEvent(events, other, "similar_linked").at("/data/relatedTicket").asText()).isEqualTo(root);
        get("operator", "/api/tickets/{n}", root).body("linkedTickets.number", equalTo(List.of(n, other)));

        // a link made by mistake is undone; then the ticket can be escalated on its own
        act("operator", n, "unlink", Map.of()).statusCode(400).body("detail", containsString("reason"));
        act("operator", n, "unlink", Map.of("reason", "Проблема оказалась другой")).statusCode(200)
                .body("linkedTo", nullValue()).body("allowedActions", hasItem("escalate"));
        act("operator", n, "escalate", Map.of("reason", "Нужна вторая линия")).statusCode(200)
                .body("line", equalTo("second"));
        get("operator", "/api/tickets/{n}", root).body("linkedTickets.number", equalTo(List.of(other)));
        assertThat(get("operator", "/api/tickets/{n}/history", n).extract().jsonPath()
                .getList("actions.action", String.class)).containsExactly("link", "unlink", "escalate");
    }

    @Test
    @DisplayName("R15, R16: /q/openapi documents linking, the candidates and the mass-problem endpoints")
    void openApi() {
        String doc = io.restassured.RestAssured.given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();
        assertThat(doc).contains("/api/tickets/{number}/similar", "/api/mass-problems", "/api/mass-problems/{id}",
                "/api/mass-problems/{id}/resolve", "\"link\"", "\"unlink\"", "Не отправляется УПД контрагенту",
                "Выпущено обновление 3.2.1");
    }

    @Test
    @DisplayName("R15: refused — self-link, unknown ticket, closed or not escalated target, cycle, a root with "
            + "members, already linked (400/409); another line or no staff role (403)")
    void refusals() {
        String root = group.escalatedRoot(MONDAY);
        String member = group.register(MONDAY.plus(Duration.ofMinutes(1)));
        group.link(member, root);
        String n = group.register(MONDAY.plus(Duration.ofMinutes(2)));

        act("operator", n, "link", Map.of()).statusCode(400).body("detail", containsString("поле ticket"));
        act("operator", n, "link", Map.of("ticket", n)).statusCode(400).body("detail", containsString("самим собой"));
        act("operator", n, "link", Map.of("ticket", "99999999")).statusCode(400)
                .body("detail", containsString("не найдено"));
        act("operator", "99999999", "link", Map.of("ticket", root)).statusCode(404);

        // not escalated: still on the first line
        String firstLine = group.register(MONDAY.plus(Duration.ofMinutes(3)));
        act("operator", n, "link", Map.of("ticket", firstLine)).statusCode(409)
                .body("detail", containsString("не передано на вторую или третью линию"))
                .body("allowedActions", hasItem("link"));
        // closed
        String closed = group.escalatedRoot(MONDAY.plus(Duration.ofMinutes(4)));
        act("line2", closed, "refuse", Map.of("reason", "Вне компетенции")).statusCode(200);
        act("operator", n, "link", Map.of("ticket", closed)).statusCode(409)
                .body("detail", containsString("закрыто"));

        // a cycle: the root linked to its own member
        act("line2", root, "link", Map.of("ticket", member)).statusCode(409)
                .body("detail", containsString("по кругу"));
        // a root with members is not linked into another group (no chains)
        String otherRoot = group.escalatedRoot(MONDAY.plus(Duration.ofMinutes(5)));
        act("line2", root, "link", Map.of("ticket", otherRoot)).statusCode(409)
                .body("detail", containsString("уже связаны другие обращения (1)"));
        // already linked
        act("operator", member, "link", Map.of("ticket", otherRoot)).statusCode(409)
                .body("detail", containsString("уже связано с обращением № " + root));

        // R14: another line's staff may not link the first line's ticket; a non-staff account may not at all
        act("line2", n, "link", Map.of("ticket", root)).statusCode(403);
        act("visitor", n, "link", Map.of("ticket", root)).statusCode(403);
        get("visitor", "/api/tickets/{n}/similar", n).statusCode(403);
        // unlinking a ticket that is not linked
        act("operator", n, "unlink", Map.of("reason", "x")).statusCode(409);

        // nothing of it changed anything
        get("operator", "/api/tickets/{n}", n).body("linkedTo", nullValue()).body("version", equalTo(0));
        get("operator", "/api/tickets/{n}", root).body("linkedTickets.number", equalTo(List.of(member)));
        assertThat(LifecycleApi.typesFor(events, n)).doesNotContain("similar_linked");
    }
}
