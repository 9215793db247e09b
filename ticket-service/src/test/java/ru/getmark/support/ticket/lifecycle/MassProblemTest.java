package ru.getmark.support.ticket.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.ticket.service.LifecycleJobs;
import ru.getmark.support.ticket.testing.Db;
import ru.getmark.support.ticket.testing.HeldLock;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.WAIT;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.act;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.awaitEvent;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.awaitEvents;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.get;
import static ru.getmark.support.ticket.lifecycle.StaffActionsTest.at;

/**
 * R16 (regulation §5.15): more than four similar tickets within one day declare a mass problem; every customer of the
 * group is told it is known and being fixed, later ones too, and told again, with a confirmation link, when it is
 * fixed. Real HTTP, the events read back from the real topic and checked against the JSON Schema, real PostgreSQL.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "tickets"))
class MassProblemTest extends TicketEventsTest {

    @Inject
    LifecycleJobs jobs;

    Groups group;

    @BeforeEach
    void newGroup() {
        group = new Groups(tickets, clock);
    }

    @Test
    @DisplayName("R16: four similar tickets in a day are not a mass problem, the fifth declares it and every "
            + "customer is told; a later one joins; the resolution answers each with a link that works; R12 "
            + "auto-close applies")
    void declaredJoinedResolved() {
        Instant monday = at("2027-03-01T10:00");
        String root = group.escalatedRoot(monday);
        List<String> group4 = new ArrayList<>(List.of(root));
        for (int i = 1; i <= 3; i++) {
            String n = group.register(monday.plus(Duration.ofMinutes(10 * i)));
            group.link(n, root);
            group4.add(n);
        }
        // four within a day: no mass problem yet
        awaitEvent(events, group4.get(3), "similar_linked");
        assertThat(massProblemsOf(root)).isZero();
        assertThat(declaredInOutbox(group4)).isZero();
        events.poll();
        assertThat(group4).allSatisfy(n -> assertThat(events.seen(r -> n.equals(r.key())).stream()
                .map(LifecycleApi::typeOf)).doesNotContain("mass_problem_declared"));
        get("operator", "/api/tickets/{n}", root).body("massProblem", nullValue());

        // states the resolution will move from: one waiting for the customer's answer, one in work
        act("operator", group4.get(1), "take", null).statusCode(200);
        act("operator", group4.get(1), "request-info", Map.of("question", "Какая версия?")).statusCode(200);
        act("operator", group4.get(2), "take", null).statusCode(200);

        // the fifth: declared automatically, every ticket of the group told
        String fifth = group.register(monday.plus(Duration.ofMinutes(40)));
        clock.fix(monday.plus(Duration.ofMinutes(45)));
        act("operator", fifth, "link", Map.of("ticket", root)).statusCode(200)
                .body("massProblem.id", notNullValue())
                .body("massProblem.ticketCount", equalTo(5))
                .body("massProblem.resolved", equalTo(false));
        List<String> five = new ArrayList<>(group4);
        five.add(fifth);
        long id = -1;
        Map<String, JsonNode> told = awaitEvents(events, five, "mass_problem_declared"); // valid: the JSON Schema
        for (String n : five) {
            JsonNode declared = told.get(n);
            JsonNode mp = declared.at("/data/massProblem");
            if (id < 0) {
                id = mp.path("id").asLong();
            }
            assertThat(mp.path("id").asLong()).as(n).isEqualTo(id);
            assertThat(mp.path("title").asText()).isEqualTo("Не отправляется УПД контрагенту");
            assertThat(mp.path("rootTicket").asText()).isEqualTo(root);
            assertThat(mp.path("ticketCount").asInt()).isEqualTo(5);
            assertThat(Instant.parse(mp.path("declaredAt").asText())).isEqualTo(monday.plus(Duration.ofMinutes(45)));
            assertThat(mp.has("resolvedAt")).isFalse();
            assertThat(declared.at("/data/relatedTicket").asText()).isEqualTo(root);
            assertThat(declared.at("/data/actor").asText()).isEqualTo("system");
            assertThat(declared.at("/ticket/number").asText()).isEqualTo(n);
            assertThat(declared.at("/ticket/customer/email").asText()).endsWith("@example.ru");
        }
        // the fifth's own link comes first, then its notice
        assertThat(LifecycleApi.typesFor(events, fifth))
                .containsSubsequence("similar_linked", "mass_problem_declared");
        assertThat(massProblemsOf(root)).isEqualTo(1);
        long massProblem = id;
        get("line2", "/api/mass-problems/{id}", massProblem).statusCode(200)
                .body("status", equalTo("open")).body("statusLabel", equalTo("Ведутся работы"))
                .body("automatic", equalTo(true)).body("declaredBy", equalTo("system"))
                .body("rootTicket", equalTo(root)).body("ticketCount", equalTo(5))
                .body("openTicketCount", equalTo(5))
                .body("tickets.number", equalTo(five));
        assertOpenFirst(get("operator", "/api/mass-problems").statusCode(200).extract().jsonPath());

        // a similar ticket linked later (a day later, out of the window: it joins all the same) gets the same notice
        String late = group.register(monday.plus(Duration.ofDays(1)));
        act("operator", late, "link", Map.of("ticket", root)).statusCode(200)
                .body("massProblem.id", equalTo((int) massProblem)).body("massProblem.ticketCount", equalTo(6));
        JsonNode joined = awaitEvent(events, late, "mass_problem_declared");
        assertThat(joined.at("/data/massProblem/ticketCount").asInt()).isEqualTo(6);
        assertThat(joined.at("/data/actor").asText()).isEqualTo("operator");
        List<String> six = new ArrayList<>(five);
        six.add(late);
        for (String n : five) { // no second notice for the others
            assertThat(typesSeen(n)).containsOnlyOnce("mass_problem_declared");
        }
        get("operator", "/api/tickets/{n}", root).body("linkedTickets.number", equalTo(six.subList(1, 6)))
                .body("massProblem.ticketCount", equalTo(6));

        // resolution: the first line may not, a text is required
        resolve("operator", massProblem, Map.of("resolution", "Исправлено")).statusCode(403);
        resolve("line2", massProblem, Map.of()).statusCode(400).body("detail", containsString("resolution"));
        resolve("line2", 99999999, Map.of("resolution", "x")).statusCode(404);

        Instant resolvedAt = at("2027-03-02T15:00");
        clock.fix(resolvedAt);
        resolve("line2", massProblem, Map.of("resolution", "Выпущено обновление 3.2.1, отправка УПД восстановлена"))
                .statusCode(200)
                .body("status", equalTo("resolved")).body("resolvedBy", equalTo("line2"))
                .body("openTicketCount", equalTo(0))
                .body("tickets.status", everyItem(equalTo("closed")))
                .body("tickets.awaitingConfirmation", everyItem(equalTo(true)));
        Set<String> links = new HashSet<>();
        Map<String, JsonNode> fixed = awaitEvents(events, six, "mass_problem_resolved"); // valid: the JSON Schema
        for (String n : six) {
            JsonNode resolved = fixed.get(n);
            assertThat(resolved.at("/ticket/status").asText()).isEqualTo("closed");
            assertThat(resolved.at("/data/solution").asText()).startsWith("Выпущено обновление 3.2.1");
            assertThat(resolved.at("/data/massProblem/resolution").asText()).startsWith("Выпущено обновление");
            assertThat(Instant.parse(resolved.at("/data/massProblem/resolvedAt").asText())).isEqualTo(resolvedAt);
            assertThat(resolved.at("/data/massProblem/ticketCount").asInt()).isEqualTo(6);
            assertThat(resolved.at("/data/relatedTicket").asText()).isEqualTo(root);
            assertThat(resolved.at("/data/actor").asText()).isEqualTo("line2");
            links.add(resolved.at("/data/confirmationUrl").asText());
            // one notice: not a solution_provided besides
            assertThat(typesSeen(n)).doesNotContain("solution_provided");
        }
        assertThat(links).hasSize(6).allMatch(u -> u.matches("http://localhost:8080/confirm/[A-Za-z0-9_-]{43}"));
        assertThat(awaitEvent(events, group4.get(1), "mass_problem_resolved").at("/data/previousStatus").asText())
                .isEqualTo("awaiting_user");
        get("operator", "/api/tickets/{n}", group4.get(1)).body("status", equalTo("closed"))
                .body("awaitingConfirmation", equalTo(true)).body("pausedAt", nullValue())
                .body("confirmationDeadline", equalTo("2027-03-05T12:00:00Z"));
        JsonPath history = get("operator", "/api/tickets/{n}/history", group4.get(1)).extract().jsonPath();
        assertThat(history.getList("statusChanges.to", String.class)).last().isEqualTo("closed");
        assertThat(history.getList("actions.action", String.class)).endsWith("mass-problem-declared",
                "mass-problem-resolved");

        // the personal link of one customer works as for any solution (R12)
        String url = awaitEvent(events, fifth, "mass_problem_resolved").at("/data/confirmationUrl").asText();
        String path = URI.create(url).getPath();
        given().when().get(path).then().statusCode(200).body(containsString("Выпущено обновление 3.2.1"));
        given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("decision", "confirm")
                .formParam("rating", "satisfactory").when().post(path).then().statusCode(200)
                .body(containsString("Спасибо за оценку"));
        awaitEvent(events, fifth, "rated");
        get("operator", "/api/tickets/{n}", fifth).body("rating", equalTo("satisfactory"))
                .body("awaitingConfirmation", equalTo(false));

        // resolved once only; the closed root takes no new links
        resolve("admin", massProblem, Map.of("resolution", "Ещё раз")).statusCode(409)
                .body("detail", containsString("уже устранена"));
        String after = group.register(at("2027-03-02T16:00"));
        act("operator", after, "link", Map.of("ticket", root)).statusCode(409)
                .body("detail", containsString("закрыто"));

        // no reaction within 3 working days: closed automatically (R12)
        clock.fix(at("2027-03-05T15:00"));
        jobs.autoClose();
        get("operator", "/api/tickets/{n}", root).body("awaitingConfirmation", equalTo(false))
                .body("closeReason", containsString("не отреагировал"));
        JsonNode autoClosed = awaitEvent(events, late, "closed");
        assertThat(autoClosed.at("/data/actor").asText()).isEqualTo("system");
    }

    @Test
    @DisplayName("R16: one day is a sliding 24 h of registrations — five spanning exactly 24 h do not declare, five "
            + "within 23:59 across midnight do, and the whole group is told")
    void windowEdge() {
        Instant monday = at("2027-03-22T10:00");
        String root = group.escalatedRoot(monday);
        List<String> all = new ArrayList<>(List.of(root));
        for (String time : List.of("2027-03-22T12:00", "2027-03-22T14:00", "2027-03-22T16:00",
                "2027-03-23T10:00")) { // the last exactly 24 h after the root
            String n = group.register(at(time));
            group.link(n, root);
            all.add(n);
        }
        awaitEvent(events, all.get(4), "similar_linked");
        assertThat(massProblemsOf(root)).as("five in 24 h exactly: not within one day").isZero();
        assertThat(declaredInOutbox(all)).isZero();

        String sixth = group.register(at("2027-03-23T11:59")); // 12:00 Monday .. 11:59 Tuesday: five
        act("operator", sixth, "link", Map.of("ticket", root)).statusCode(200)
                .body("massProblem.ticketCount", equalTo(6));
        all.add(sixth);
        assertThat(massProblemsOf(root)).isEqualTo(1);
        assertThat(awaitEvents(events, all, "mass_problem_declared").values())
                .allSatisfy(e -> assertThat(e.at("/data/massProblem/ticketCount").asInt()).isEqualTo(6));
    }

    @Test
    @DisplayName("R16: second/third line declare one by hand with a title (the first line may not); one per group; "
            + "a later link joins it")
    void manualDeclaration() {
        Instant monday = at("2027-04-05T10:00");
        String root = group.escalatedRoot(monday);
        String member = group.register(monday.plus(Duration.ofMinutes(5)));
        group.link(member, root);
        String firstLine = group.register(monday.plus(Duration.ofMinutes(6)));

        declare("operator", Map.of("ticket", root, "title", "Сбой ЭДО")).statusCode(403);
        declare("visitor", Map.of("ticket", root, "title", "Сбой ЭДО")).statusCode(403);
        declare("line2", Map.of("ticket", root)).statusCode(400).body("detail", containsString("title"));
        declare("line2", Map.of("title", "Сбой ЭДО")).statusCode(400).body("detail", containsString("ticket"));
        declare("line2", Map.of("ticket", "99999999", "title", "Сбой ЭДО")).statusCode(400);
        declare("line2", Map.of("ticket", firstLine, "title", "Сбой ЭДО")).statusCode(409)
                .body("detail", containsString("второй или третьей линии"));

        clock.fix(monday.plus(Duration.ofMinutes(20)));
        ExtractableResponse<Response> created = declare("line3", Map.of("ticket", member,
                "title", "Сбой отправки документов в ЭДО")).statusCode(201)
                .body("automatic", equalTo(false)).body("declaredBy", equalTo("line3"))
                .body("rootTicket", equalTo(root)) // declared through a member: the member's group
                .body("ticketCount", equalTo(2))
                .body("tickets.number", equalTo(List.of(root, member)))
                .extract();
        long id = created.jsonPath().getLong("id");
        assertThat(created.header("Location")).endsWith("/api/mass-problems/" + id);
        for (JsonNode declared : awaitEvents(events, List.of(root, member), "mass_problem_declared").values()) {
            assertThat(declared.at("/data/massProblem/title").asText()).isEqualTo("Сбой отправки документов в ЭДО");
            assertThat(declared.at("/data/actor").asText()).isEqualTo("line3");
        }
        declare("admin", Map.of("ticket", root, "title", "Ещё одна")).statusCode(409)
                .body("detail", containsString("уже объявлена массовая проблема № " + id));

        String late = group.register(monday.plus(Duration.ofMinutes(30)));
        group.link(late, root);
        assertThat(awaitEvent(events, late, "mass_problem_declared").at("/data/massProblem/id").asLong())
                .isEqualTo(id);
        get("operator", "/api/mass-problems/{id}", id).body("ticketCount", equalTo(3));
        get("operator", "/api/mass-problems/{id}", 99999999).statusCode(404);
        get("visitor", "/api/mass-problems").statusCode(403);
    }

    @Test
    @DisplayName("R16: two tickets linked at the same moment to a group of four declare one mass problem, not two "
            + "(the root's row lock; a unique index behind it)")
    void concurrentLinksDeclareOnce() throws Exception {
        Instant monday = at("2027-04-12T10:00");
        String root = group.escalatedRoot(monday);
        List<String> members = new ArrayList<>(List.of(root));
        for (int i = 1; i <= 3; i++) {
            String n = group.register(monday.plus(Duration.ofMinutes(i)));
            group.link(n, root);
            members.add(n);
        }
        String a = group.register(monday.plus(Duration.ofMinutes(10)));
        String b = group.register(monday.plus(Duration.ofMinutes(11)));

        CompletableFuture<ExtractableResponse<Response>> linkA;
        CompletableFuture<ExtractableResponse<Response>> linkB;
        try (HeldLock lock = HeldLock.ticketRow(dataSource, root)) {
            linkA = CompletableFuture.supplyAsync(() -> act("operator", a, "link", Map.of("ticket", root)).extract());
            linkB = CompletableFuture.supplyAsync(() -> act("operator", b, "link", Map.of("ticket", root)).extract());
            // both links read the group of four and wait for its root: neither has counted yet
            await().atMost(WAIT).until(() -> Db.count(dataSource, "select count(*) from pg_stat_activity where "
                    + "wait_event_type = 'Lock' and query ilike 'select id from ticket where number%for no key "
                    + "update'") >= 2);
            lock.release();
        }
        assertThat(linkA.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(linkB.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);

        assertThat(massProblemsOf(root)).isEqualTo(1);
        members.add(a);
        members.add(b);
        List<Integer> counts = awaitEvents(events, members, "mass_problem_declared").values().stream()
                .map(e -> e.at("/data/massProblem/ticketCount").asInt()).toList();
        // the one that came second joined the mass problem the first declared
        assertThat(counts.subList(0, 4)).containsOnly(5);
        assertThat(counts.subList(4, 6)).containsExactlyInAnyOrder(5, 6);
        assertThat(Db.count(dataSource, "select count(*) from mass_problem_ticket m join mass_problem p on "
                + "p.id = m.mass_problem_id where p.root_ticket = ?", root)).isEqualTo(6);
        for (String n : members) {
            assertThat(typesSeen(n)).containsOnlyOnce("mass_problem_declared");
        }
        // and the database itself refuses a second unresolved one for the group
        assertThatThrownBy(() -> Db.update(dataSource, "insert into mass_problem (id, title, root_ticket, "
                + "declared_at, declared_by) values (nextval('mass_problem_seq'), 'x', ?, now(), 'test')", root))
                .rootCause().hasMessageContaining("mass_problem_open_root_uk");
    }

    // ---------------------------------------------------------------- helpers

    /** The event types read so far for a ticket, without another poll. */
    private List<String> typesSeen(String number) {
        return events.seen(r -> number.equals(r.key())).stream().map(LifecycleApi::typeOf).toList();
    }

    /** How many mass_problem_declared events were written for these tickets (published or not). */
    private long declaredInOutbox(List<String> numbers) {
        return Db.count(dataSource, "select count(*) from outbox where event_type = 'mass_problem_declared' and "
                + "aggregate_id = any (?)", (Object) numbers.toArray(String[]::new));
    }

    private long massProblemsOf(String root) {
        return Db.count(dataSource, "select count(*) from mass_problem where root_ticket = ?", root);
    }

    private static ValidatableResponse resolve(String login, long id, Map<String, ?> body) {
        return given().auth().preemptive().basic(login, login).contentType(ContentType.JSON).body(body)
                .when().post("/api/mass-problems/{id}/resolve", id).then();
    }

    private static ValidatableResponse declare(String login, Map<String, ?> body) {
        return given().auth().preemptive().basic(login, login).contentType(ContentType.JSON).body(body)
                .when().post("/api/mass-problems").then();
    }

    /** Unresolved ones come before every resolved one. */
    private static void assertOpenFirst(JsonPath list) {
        List<String> statuses = list.getList("status", String.class);
        assertThat(statuses).contains("open");
        int firstResolved = statuses.indexOf("resolved");
        if (firstResolved >= 0) {
            assertThat(statuses.subList(firstResolved, statuses.size())).containsOnly("resolved");
        }
    }
}
