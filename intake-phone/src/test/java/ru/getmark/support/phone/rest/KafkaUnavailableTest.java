package ru.getmark.support.phone.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static ru.getmark.support.phone.rest.CallRequests.json;
import static ru.getmark.support.phone.rest.CallRequests.valid;

/**
 * Kafka does not answer (the producer points at a port where nothing listens): the operator gets a 503 with
 * Retry-After, never a 202. Short producer timeouts keep the test at a few seconds.
 */
@QuarkusTest
@TestProfile(KafkaUnavailableTest.NoKafka.class)
class KafkaUnavailableTest {

    public static class NoKafka implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String nowhere = "localhost:" + freePort();
            return Map.ofEntries(
                    Map.entry("kafka.bootstrap.servers", nowhere),
                    Map.entry("getmark.intake.publish-timeout", "3s"),
                    Map.entry("getmark.intake.rejected-publish-timeout", "1s"),
                    Map.entry("mp.messaging.outgoing.intake.max.block.ms", "1000"),
                    Map.entry("mp.messaging.outgoing.intake.request.timeout.ms", "1000"),
                    Map.entry("mp.messaging.outgoing.intake.delivery.timeout.ms", "1800"),
                    Map.entry("mp.messaging.outgoing.intake-rejected.max.block.ms", "500"),
                    Map.entry("mp.messaging.outgoing.intake-rejected.request.timeout.ms", "400"),
                    Map.entry("mp.messaging.outgoing.intake-rejected.delivery.timeout.ms", "800"),
                    Map.entry("quarkus.log.category.\"org.apache.kafka.clients.NetworkClient\".level", "ERROR"));
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    @DisplayName("Delivery guarantee: no acknowledgement from Kafka → 503 with Retry-After, nothing claims success")
    void callIsNotAcceptedWithoutKafka() {
        given().auth().preemptive().basic("operator", "operator").contentType(ContentType.JSON)
                .header("Idempotency-Key", "kafka-down-1")
                .body(json(valid()))
                .when().post("/api/calls")
                .then().statusCode(503)
                .header("Retry-After", "10")
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(503))
                .body("title", containsString("повторите попытку"));
    }

    @Test
    @DisplayName("R1: a refused call is still answered with its 400 when the rejected-intake topic is unreachable")
    void refusedCallIsAnsweredWithoutKafka() {
        given().auth().preemptive().basic("operator", "operator").contentType(ContentType.JSON)
                .body("{}")
                .when().post("/api/calls")
                .then().statusCode(400)
                .body("violations.size()", equalTo(5));
    }

    @Test
    void notReadyWithoutKafka() {
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'Kafka' }.status", equalTo("DOWN"));
    }
}
