package ru.getmark.support.ticket.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.ticket.service.LifecycleJobs;
import ru.getmark.support.ticket.testing.Db;
import ru.getmark.support.ticket.testing.HeldLock;
import ru.getmark.support.ticket.testing.Intake;
import ru.getmark.support.ticket.testing.KafkaTopic;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.WAIT;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.act;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.awaitEvent;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.get;
import static ru.getmark.support.ticket.lifecycle.StaffActionsTest.at;

/**
 * Issue 3's guarantee "concurrent actions on one ticket end in one consistent state: optimistic locking, 409 to the
 * loser", for a staff action racing an inbound follow-up (through the real getmark.intake.v1) and racing the
 * auto-close job.
 * <p>
 * The race is made deterministic with PostgreSQL row locks: a separate transaction holds the ticket's row
 * ({@code for no key update}); the first racer reads the ticket and blocks on its {@code update ticket}, then the
 * second racer does the same (queued behind the first on the tuple lock); releasing the row lets the first racer
 * commit, and the second one's {@code ... where version = ?} then matches no row: it is the optimistic-lock loser.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "tickets"))
class ConcurrencyTest extends TicketEventsTest {

    @Inject
    LifecycleJobs jobs;

    @Test
    @DisplayName("R11, R8: a staff action and a follow-up from Kafka queued on one ticket: one wins, the loser gets "
            + "409 (staff) or is retried (follow-up), one consistent state")
    void staffRacingFollowUpOneWins() throws Exception {
        clock.fix(at("2027-05-17T10:00")); // Monday
        String n = awaitingUser();
        long v0 = version(n);
        IntakeMessage answer = Intake.followUp(Intake.newMessageId(), n);

        CompletableFuture<ExtractableResponse<Response>> staff;
        try (HeldLock lock = HeldLock.ticketRow(dataSource, n)) {
            staff = CompletableFuture.supplyAsync(() -> act("operator", n, "resume",
                    Map.of("reason", "Ответ получен по телефону")).extract());
            awaitBlocked("update ticket %", 1); // the staff action read version v0 and waits to write it
            publish(answer);
            awaitBlocked("update ticket %", 2); // the follow-up read v0 as well and waits too
            lock.release();
        }
        ExtractableResponse<Response> response = staff.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        int code = response.statusCode();
        assertThat(code).isIn(200, 409);
        if (code == 409) {
            // the loser is told at once what it may do on the ticket as the follow-up left it (in work)
            assertThat(response.jsonPath().getList("allowedActions", String.class))
                    .contains("request-info").doesNotContain("resume");
            assertFollowUpWon(n, v0, answer);
        } else {
            assertStaffWonFollowUpRetried(n, v0, answer);
        }
    }

    @Test
    @DisplayName("R11, R5: a follow-up from Kafka that read the ticket before a staff action committed loses the "
            + "optimistic lock, is retried on fresh data and applied once")
    void staffWinsFollowUpRetried() throws Exception {
        clock.fix(at("2027-05-24T10:00")); // Monday
        String n = awaitingUser();
        long v0 = version(n);
        IntakeMessage answer = Intake.followUp(Intake.newMessageId(), n);

        try (HeldLock lock = HeldLock.table(dataSource, "processed_message")) {
            publish(answer);
            // the follow-up read the ticket (version v0, awaiting_user) and waits to claim its message id
            awaitBlocked("insert into processed_message%", 1);
            act("operator", n, "resume", Map.of("reason", "Ответ получен по телефону")).statusCode(200)
                    .body("status", equalTo("in_progress"));
            lock.release();
        }
        assertStaffWonFollowUpRetried(n, v0, answer);
    }

    private void assertFollowUpWon(String n, long v0, IntakeMessage answer) {
        JsonNode received = awaitEvent(events, n, "follow_up_received");
        assertThat(received.at("/data/previousStatus").asText()).isEqualTo("awaiting_user");
        assertThat(received.at("/ticket/status").asText()).isEqualTo("in_progress");
        get("operator", "/api/tickets/{n}", n).statusCode(200).body("status", equalTo("in_progress"))
                .body("version", equalTo((int) v0 + 1));
        JsonPath history = history(n);
        assertThat(history.getList("statusChanges.to", String.class))
                .containsExactly("new", "in_progress", "awaiting_user", "in_progress");
        assertThat(history.getList("statusChanges.by", String.class)).last().isEqualTo("customer");
        assertThat(history.getList("actions.action", String.class))
                .containsExactly("take", "request-info", "follow-up");
        List<String> expected = List.of("registered", "status_changed", "information_requested",
                "follow_up_received");
        assertThat(history.getList("events.type", String.class)).containsExactlyElementsOf(expected);
        assertThat(LifecycleApi.typesFor(events, n)).containsExactlyElementsOf(expected);
        assertProcessedOnce(answer, n);
        // the loser, repeating its action on fresh data, is told what is allowed now
        act("operator", n, "resume", Map.of("reason", "x")).statusCode(409)
                .body("allowedActions", hasItem("request-info"));
    }

    private void assertStaffWonFollowUpRetried(String n, long v0, IntakeMessage answer) {
        // the follow-up lost the lock, rolled back whole (its claim included) and was applied again on fresh data:
        // now it is a message on a ticket in work, not the answer that moves it
        JsonNode received = awaitEvent(events, n, "follow_up_received");
        assertThat(received.at("/data/previousStatus").asText()).isEqualTo("in_progress");
        assertThat(received.at("/ticket/status").asText()).isEqualTo("in_progress");
        // two changes of the ticket row: the resume, then the retried follow-up (every follow-up is a versioned
        // change of the ticket, so it can never publish a snapshot older than a concurrent staff action)
        get("operator", "/api/tickets/{n}", n).statusCode(200).body("status", equalTo("in_progress"))
                .body("version", equalTo((int) v0 + 2));
        JsonPath history = history(n);
        assertThat(history.getList("statusChanges.to", String.class))
                .containsExactly("new", "in_progress", "awaiting_user", "in_progress");
        assertThat(history.getList("statusChanges.by", String.class)).last().isEqualTo("operator");
        assertThat(history.getList("actions.action", String.class))
                .containsExactly("take", "request-info", "resume", "follow-up");
        List<String> expected = List.of("registered", "status_changed", "information_requested", "status_changed",
                "follow_up_received");
        assertThat(history.getList("events.type", String.class)).containsExactlyElementsOf(expected);
        assertThat(LifecycleApi.typesFor(events, n)).containsExactlyElementsOf(expected);
        assertProcessedOnce(answer, n);
    }

    @Test
    @DisplayName("R11, R8: a staff action and the auto-close job queued on one ticket: exactly one wins; staff loser "
            + "gets 409, job loser skips the ticket; one closed event or none")
    void staffRacingAutoCloseOneWins() throws Exception {
        // which racer the database lets through first is not fixed, so a few rounds; each asserts its own outcome
        for (String monday : List.of("2027-05-31", "2027-06-07", "2027-06-21")) {
            clock.fix(at(monday + "T10:00"));
            String n = awaitingUser();
            long v0 = version(n);
            clock.fix(at(monday + "T10:00").plus(java.time.Duration.ofDays(3))); // Thursday: 3 working days, due

            CompletableFuture<Integer> job;
            CompletableFuture<ExtractableResponse<Response>> staff;
            try (HeldLock lock = HeldLock.ticketRow(dataSource, n)) {
                job = CompletableFuture.supplyAsync(jobs::autoClose);
                awaitBlocked("update ticket %", 1); // the job read the due ticket and waits to close it
                staff = CompletableFuture.supplyAsync(() -> act("operator", n, "resume",
                        Map.of("reason", "Ответ получен по телефону")).extract());
                awaitBlocked("update ticket %", 2); // the staff action read the same version and waits too
                lock.release();
            }
            job.get(WAIT.toSeconds(), TimeUnit.SECONDS); // a lost ticket is skipped, never a failed tick
            ExtractableResponse<Response> response = staff.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            int code = response.statusCode();
            assertThat(code).as(n).isIn(200, 409);
            if (code == 409) {
                // told at once that resuming is no longer possible on the closed ticket
                assertThat(response.jsonPath().getList("allowedActions", String.class)).as(n)
                        .isNotNull().doesNotContain("resume");
                assertAutoClosed(n, v0);
            } else {
                assertResumedNotClosed(n, v0);
            }
        }
    }

    private void assertAutoClosed(String n, long v0) {
        JsonNode closed = awaitEvent(events, n, "closed");
        assertThat(closed.at("/data/actor").asText()).isEqualTo("system");
        assertThat(closed.at("/data/previousStatus").asText()).isEqualTo("awaiting_user");
        get("operator", "/api/tickets/{n}", n).statusCode(200).body("status", equalTo("closed"))
                .body("version", equalTo((int) v0 + 1));
        JsonPath history = history(n);
        assertThat(history.getList("statusChanges.to", String.class))
                .containsExactly("new", "in_progress", "awaiting_user", "closed");
        assertThat(history.getList("actions.action", String.class))
                .containsExactly("take", "request-info", "auto-close");
        List<String> expected = List.of("registered", "status_changed", "information_requested", "closed");
        assertThat(history.getList("events.type", String.class)).containsExactlyElementsOf(expected);
        assertThat(LifecycleApi.typesFor(events, n)).containsExactlyElementsOf(expected);
        // repeated on fresh data the staff action is illegal now: 409 that says so
        act("operator", n, "resume", Map.of("reason", "x")).statusCode(409)
                .body("title", equalTo("Действие недопустимо"));
        jobs.autoClose();
        assertThat(history(n).getList("events.type", String.class)).containsOnlyOnce("closed");
    }

    private void assertResumedNotClosed(String n, long v0) {
        get("operator", "/api/tickets/{n}", n).statusCode(200).body("status", equalTo("in_progress"))
                .body("version", equalTo((int) v0 + 1));
        JsonPath history = history(n);
        assertThat(history.getList("statusChanges.to", String.class))
                .containsExactly("new", "in_progress", "awaiting_user", "in_progress");
        assertThat(history.getList("actions.action", String.class))
                .containsExactly("take", "request-info", "resume");
        List<String> expected = List.of("registered", "status_changed", "information_requested", "status_changed");
        assertThat(history.getList("events.type", String.class)).containsExactlyElementsOf(expected);
        events.await(r -> n.equals(r.key()) && "status_changed".equals(LifecycleApi.typeOf(r))
                && "awaiting_user".equals(LifecycleApi.tree(r.value()).at("/data/previousStatus").asText()), WAIT);
        assertThat(LifecycleApi.typesFor(events, n)).containsExactlyElementsOf(expected);
        // the next tick has nothing to do: the ticket is in work again
        jobs.autoClose();
        get("operator", "/api/tickets/{n}", n).body("status", equalTo("in_progress"));
    }

    // ---------------------------------------------------------------- helpers

    /** A ticket taken into work and waiting for the customer's answer (R11). */
    private String awaitingUser() {
        String n = tickets.register(Intake.request(Intake.newMessageId(), TicketType.SOFTWARE_BUG,
                Impact.HINDERS_OPERATIONS)).ticketNumber();
        act("operator", n, "take", null).statusCode(200);
        act("operator", n, "request-info", Map.of("question", "Какая версия?")).statusCode(200)
                .body("status", equalTo("awaiting_user"));
        return n;
    }

    private long version(String n) {
        return get("operator", "/api/tickets/{n}", n).statusCode(200).extract().jsonPath().getLong("version");
    }

    private JsonPath history(String n) {
        return get("admin", "/api/tickets/{n}/history", n).statusCode(200).extract().jsonPath();
    }

    private void publish(IntakeMessage message) {
        KafkaTopic.send(infra.bootstrapServers(), Topics.INTAKE, message.key(), Json.toBytes(message));
    }

    /** Waits until that many transactions wait for a lock in a statement like that one. */
    private void awaitBlocked(String statement, int count) {
        await().atMost(WAIT).until(() -> Db.count(dataSource, "select count(*) from pg_stat_activity where "
                + "wait_event_type = 'Lock' and query ilike ?", statement) >= count);
    }

    /** The message was applied exactly once (R5) and is linked to its ticket: not lost, not duplicated. */
    private void assertProcessedOnce(IntakeMessage message, String n) {
        assertThat(Db.query(dataSource, "select outcome, ticket_number from processed_message where message_id = ?",
                message.messageId())).containsExactly(Map.of("outcome", "FOLLOW_UP", "ticket_number", n));
    }
}
