package ru.getmark.support.whatsapp.rest;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.whatsapp.support.FakeTwilioResource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "whatsapp"))
@WithTestResource(FakeTwilioResource.class)
class HealthTest {

    @Test
    void reportsLiveAndReady() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Kafka' }.status", equalTo("UP"));
    }

    @Test
    void exposesPrometheusMetrics() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes")).extract().asString();
        // the backlogs, read from the database at each scrape
        assertThat(metrics.lines().filter(l -> l.startsWith("getmark_whatsapp_inbox_pending")
                || l.startsWith("getmark_whatsapp_outbox_pending")))
                .hasSize(2).allSatisfy(l -> assertThat(l).doesNotContain("NaN"));
    }

    @Test
    void saysWhatItIsAndWhereTwilioMustPost() {
        given().when().get("/api/channel").then().statusCode(200).body("channel", equalTo("whatsapp"))
                .body("sender", equalTo("whatsapp:+79259509118"))
                .body("webhook", equalTo("https://whatsapp.getmark.test/twilio/whatsapp"))
                .body("statusCallback", equalTo("https://whatsapp.getmark.test/twilio/status"));
    }
}
