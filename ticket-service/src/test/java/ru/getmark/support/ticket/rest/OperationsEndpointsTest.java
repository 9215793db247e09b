package ru.getmark.support.ticket.rest;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.infra.InfraTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** Health, metrics and the OpenAPI document are open to ops without credentials. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "tickets"))
class OperationsEndpointsTest {

    @Test
    @DisplayName("Readiness is UP with database and Kafka checks")
    void readyWithDatabaseAndKafka() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check",
                        "Kafka connection health check"));
    }

    @Test
    @DisplayName("Liveness is UP")
    void live() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    @DisplayName("Prometheus metrics include the registration counters")
    void metrics() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("getmark_tickets_registered_total"))
                .body(containsString("getmark_intake_duplicates_total"))
                .body(containsString("getmark_outbox_published_total"));
    }

    @Test
    @DisplayName("The OpenAPI document describes the staff API")
    void openApi() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body(containsString("/api/tickets/{number}"));
    }
}
