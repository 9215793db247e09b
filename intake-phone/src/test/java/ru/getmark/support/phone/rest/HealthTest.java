package ru.getmark.support.phone.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.infra.InfraTestResource;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static ru.getmark.support.phone.rest.CallRequests.json;
import static ru.getmark.support.phone.rest.CallRequests.valid;
import static ru.getmark.support.phone.rest.CallRequests.with;

@QuarkusTest
@WithTestResource(InfraTestResource.class)
class HealthTest {

    @Test
    void liveAndReadyWithAKafkaCheckWithoutCredentials() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Kafka"))
                .body("checks.find { it.name == 'Kafka' }.status", equalTo("UP"));
    }

    @Test
    void countsAcceptedAndRejectedCalls() {
        double accepted = counter("accepted");
        double rejected = counter("rejected");

        given().auth().preemptive().basic("operator", "operator").contentType(ContentType.JSON)
                .body(json(valid())).when().post("/api/calls").then().statusCode(202);
        given().auth().preemptive().basic("operator", "operator").contentType(ContentType.JSON)
                .body(json(with("inn", "123"))).when().post("/api/calls").then().statusCode(400);

        assertThat(counter("accepted")).isEqualTo(accepted + 1);
        assertThat(counter("rejected")).isEqualTo(rejected + 1);
    }

    @Test
    void describesTheApi() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/calls"))
                .body(containsString("Idempotency-Key"));
    }

    @Test
    @DisplayName("No files by phone: adapter-support's attachment download is not exposed here")
    void noAttachmentEndpoint() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body(not(containsString("/api/attachments")));
        // Where the download exists (intake-email, intake-telegram) a POST to it is 405; here there is no such path.
        given().auth().preemptive().basic("admin", "admin")
                .when().post("/api/attachments/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }

    static double counter(String outcome) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^getmark_phone_calls_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        assertThat(m.find()).as("counter for outcome " + outcome + " in\n" + metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
