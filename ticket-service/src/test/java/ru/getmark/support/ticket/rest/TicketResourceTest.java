package ru.getmark.support.ticket.rest;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.ticket.service.TicketService;
import ru.getmark.support.ticket.testing.Intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.equalToIgnoringCase;
import static org.hamcrest.Matchers.matchesPattern;

/** The staff API is closed from day one: 401 without credentials, 403 without a staff role. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "tickets"))
class TicketResourceTest {

    @Inject
    TicketService tickets;

    String number;

    @BeforeEach
    void registerOne() {
        number = tickets.register(Intake.request(Intake.newMessageId(), TicketType.SOFTWARE_BUG,
                Impact.STOPS_OPERATIONS)).ticketNumber();
    }

    @Test
    @DisplayName("Without credentials: 401 with a Basic challenge")
    void anonymousIsChallenged() {
        given().when().get("/api/tickets/{n}", number)
                .then().statusCode(401)
                // the auth scheme is case-insensitive (RFC 7235); Quarkus writes it in lower case
                .header("WWW-Authenticate", matchesPattern("(?i)basic realm=\"GetMark\""));
    }

    @Test
    @DisplayName("A wrong password is 401")
    void wrongPasswordIsUnauthorized() {
        given().auth().preemptive().basic("operator", "wrong")
                .when().get("/api/tickets/{n}", number)
                .then().statusCode(401);
    }

    @Test
    @DisplayName("An authenticated user without a staff role: 403")
    void userWithoutStaffRoleIsForbidden() {
        given().auth().preemptive().basic("visitor", "visitor")
                .when().get("/api/tickets/{n}", number)
                .then().statusCode(403);
    }

    @ParameterizedTest(name = "{0} may read tickets")
    @ValueSource(strings = {"operator", "line2", "admin"})
    @DisplayName("Staff of every line and admins read a ticket")
    void staffReadTickets(String login) {
        given().auth().preemptive().basic(login, login)
                .when().get("/api/tickets/{n}", number)
                .then().statusCode(200)
                .contentType(containsString("json"))
                .body("number", equalTo(number))
                .body("priority", equalTo("high"))
                .body("priorityLabel", equalTo("Высокий"));
    }

    @Test
    @DisplayName("An unknown number is 404 with a JSON problem in Russian")
    void unknownNumberIsNotFound() {
        given().auth().preemptive().basic("operator", "operator")
                .when().get("/api/tickets/{n}", "999999999")
                .then().statusCode(404)
                .contentType(containsString("json"))
                .body("status", equalTo(404))
                .body("title", equalTo("Обращение не найдено"))
                .body("detail", equalTo("Обращение № 999999999 не найдено"));
    }

    @Test
    @DisplayName("Lookup by message id: 400 without it, 404 for an unknown one")
    void lookupByMessageIdValidates() {
        given().auth().preemptive().basic("operator", "operator")
                .when().get("/api/tickets")
                .then().statusCode(400)
                .contentType(containsString("json"))
                .body("detail", equalToIgnoringCase("Укажите параметр messageId"));
        given().auth().preemptive().basic("operator", "operator")
                .queryParam("messageId", "no-such-message")
                .when().get("/api/tickets")
                .then().statusCode(404)
                .body("title", equalTo("Обращение не найдено"));
    }
}
