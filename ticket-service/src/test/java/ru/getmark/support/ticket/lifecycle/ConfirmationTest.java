package ru.getmark.support.ticket.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.ticket.testing.Db;
import ru.getmark.support.ticket.testing.Intake;

import java.net.URI;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.act;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.awaitEvent;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.get;
import static ru.getmark.support.ticket.lifecycle.StaffActionsTest.at;

/** R12: the personal confirmation link and page, through real HTTP, with the events on the real topic. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "tickets"))
class ConfirmationTest extends TicketEventsTest {

    String number;
    String path;

    @BeforeEach
    void solve() {
        clock.fix(at("2026-12-07T10:00"));
        number = tickets.register(Intake.request(Intake.newMessageId(), TicketType.SOFTWARE_BUG,
                Impact.HINDERS_OPERATIONS)).ticketNumber();
        act("operator", number, "take", null).statusCode(200);
        act("operator", number, "solve", Map.of("solution", "Обновите программу <до 5.2>")).statusCode(200);
        String url = awaitEvent(events, number, "solution_provided").at("/data/confirmationUrl").asText();
        path = URI.create(url).getPath();
        String token = path.substring("/confirm/".length());
        // only the hash is stored
        assertThat(Db.count(dataSource, "select count(*) from ticket where confirmation_token_hash = ?", token))
                .isZero();
        assertThat(Db.count(dataSource, "select count(*) from ticket where number = ? and length("
                + "confirmation_token_hash) = 64", number)).isEqualTo(1);
    }

    /** A form post as a browser sends it from a UTF-8 page: UTF-8 bytes, no charset in the Content-Type. */
    private static io.restassured.specification.RequestSpecification form() {
        return given().config(io.restassured.RestAssured.config().encoderConfig(
                        io.restassured.config.EncoderConfig.encoderConfig().defaultContentCharset("UTF-8")
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("application/x-www-form-urlencoded");
    }

    @Test
    @DisplayName("R12: the customer confirms and rates: Закрытое with the rating, rated + closed events; once only")
    void confirmAndRate() {
        given().when().get(path).then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Cache-Control", "no-store")
                .body(containsString("Решение помогло?"), containsString("Удовлетворительно"),
                        containsString("Неудовлетворительно"), containsString("№ " + number),
                        containsString("Обновите программу &lt;до 5.2&gt;"),
                        containsString("name=\"viewport\""));

        form().formParam("decision", "confirm").formParam("comment", "Быстро помогли")
                .when().post(path).then().statusCode(400).body(containsString("Выберите оценку"));

        clock.fix(at("2026-12-08T10:00"));
        form().formParam("decision", "confirm").formParam("rating", "satisfactory")
                .formParam("comment", "Быстро помогли")
                .when().post(path).then().statusCode(200).body(containsString("Спасибо за оценку"));

        JsonNode rated = awaitEvent(events, number, "rated");
        assertThat(rated.at("/data/rating").asText()).isEqualTo("satisfactory");
        assertThat(rated.at("/data/comment").asText()).isEqualTo("Быстро помогли");
        assertThat(rated.at("/data/actor").asText()).isEqualTo("customer");
        JsonNode closed = awaitEvent(events, number, "closed");
        assertThat(closed.at("/ticket/status").asText()).isEqualTo("closed");
        get("operator", "/api/tickets/{n}", number).body("rating", equalTo("satisfactory"))
                .body("awaitingConfirmation", equalTo(false)).body("ratingComment", equalTo("Быстро помогли"));

        // the link cannot be used twice
        given().when().get(path).then().statusCode(410).body(containsString("Ссылка больше не действует"));
        form().formParam("decision", "confirm").formParam("rating", "unsatisfactory")
                .when().post(path).then().statusCode(410);
        get("operator", "/api/tickets/{n}", number).body("rating", equalTo("satisfactory"));
    }

    @Test
    @DisplayName("R12: not confirmed → В работе with solution_rejected")
    void reject() {
        form().formParam("decision", "reject").formParam("comment", "Ошибка осталась")
                .when().post(path).then().statusCode(200).body(containsString("возвращено в работу"));
        JsonNode rejected = awaitEvent(events, number, "solution_rejected");
        assertThat(rejected.at("/data/comment").asText()).isEqualTo("Ошибка осталась");
        assertThat(rejected.at("/ticket/status").asText()).isEqualTo("in_progress");
        given().when().get(path).then().statusCode(410);
    }

    @Test
    @DisplayName("R12: a guessed or altered token and an expired window give 410")
    void forgedAndExpired() {
        String other = path.substring(0, path.length() - 1) + (path.endsWith("A") ? "B" : "A");
        given().when().get(other).then().statusCode(410).body(containsString("недействительна"));
        given().when().get("/confirm/short").then().statusCode(410);
        clock.fix(at("2026-12-10T10:00")); // three working days later
        given().when().get(path).then().statusCode(410).body(containsString("истёк"));
    }
}
