package ru.getmark.support.email.rest;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import ru.getmark.support.infra.InfraTestResource;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "email"),
        @ResourceArg(name = "mail", value = "true")})
class HealthTest {

    @Test
    void liveAndReadyWithKafkaDatabaseAndMailbox() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                        .body("checks.name", hasItems("IMAP mailbox", "Kafka", "Database connections health check")));
    }

    @Test
    void exposesTheIntakeMetrics() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("getmark_email_received_total"))
                .body(containsString("getmark_email_imap_reconnects_total"))
                .body(containsString("getmark_email_flood_held_total"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void theMailboxStatusIsForStaff() {
        given().when().get("/api/mailbox").then().statusCode(401);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().preemptive().basic("operator", "operator").when().get("/api/mailbox")
                        .then().statusCode(200)
                        .body("channel", equalTo("email"))
                        .body("mailbox", equalTo("help@getmark.ru"))
                        .body("connected", equalTo(true))
                        .body("mode", equalTo("idle")));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/api/attachments/{id}"));
    }
}
