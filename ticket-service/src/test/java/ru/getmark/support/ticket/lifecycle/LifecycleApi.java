package ru.getmark.support.ticket.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.common.schema.ContractSchemas;
import ru.getmark.support.ticket.testing.KafkaTopic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Test helpers: staff actions through the HTTP API and the events they put on the ticket-events topic. */
final class LifecycleApi {

    static final Duration WAIT = Duration.ofSeconds(20);

    private LifecycleApi() {
    }

    static ValidatableResponse act(String login, String number, String action, Map<String, ?> body) {
        return given().auth().preemptive().basic(login, login)
                .contentType(ContentType.JSON).body(body == null ? Map.of() : body)
                .when().post("/api/tickets/{n}/actions/{a}", number, action)
                .then();
    }

    static ValidatableResponse get(String login, String path, Object... params) {
        return given().auth().preemptive().basic(login, login).when().get(path, params).then();
    }

    /** Waits for an event of that type for the ticket, checks it against the contract's schema, returns its JSON. */
    static JsonNode awaitEvent(KafkaTopic topic, String number, String type) {
        ConsumerRecord<String, byte[]> r = topic.await(rec -> number.equals(rec.key()) && type.equals(typeOf(rec)),
                WAIT);
        assertThat(ContractSchemas.violations(ContractSchemas.TICKET_EVENT, r.value())).as(type).isEmpty();
        return tree(r.value());
    }

    /**
     * Waits (once) until each of the tickets has an event of that type, checks each against the contract's schema and
     * returns them by ticket number, in the order of the numbers given.
     */
    static Map<String, JsonNode> awaitEvents(KafkaTopic topic, List<String> numbers, String type) {
        java.util.function.Function<String, java.util.Optional<ConsumerRecord<String, byte[]>>> first = number ->
                topic.seen(rec -> number.equals(rec.key()) && type.equals(typeOf(rec))).stream().findFirst();
        org.awaitility.Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            topic.poll();
            return numbers.stream().allMatch(n -> first.apply(n).isPresent());
        });
        Map<String, JsonNode> result = new java.util.LinkedHashMap<>();
        for (String n : numbers) {
            byte[] value = first.apply(n).orElseThrow().value();
            assertThat(ContractSchemas.violations(ContractSchemas.TICKET_EVENT, value)).as(type + " of " + n)
                    .isEmpty();
            result.put(n, tree(value));
        }
        return result;
    }

    /** The event types seen for a ticket so far, in topic order. */
    static List<String> typesFor(KafkaTopic topic, String number) {
        topic.poll();
        return topic.seen(rec -> number.equals(rec.key())).stream().map(LifecycleApi::typeOf).toList();
    }

    static String typeOf(ConsumerRecord<String, byte[]> rec) {
        return tree(rec.value()).path("type").asText();
    }

    static JsonNode tree(byte[] bytes) {
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
