package ru.getmark.support.ticket.messaging;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.common.schema.ContractSchemas;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.ticket.testing.Db;
import ru.getmark.support.ticket.testing.Intake;
import ru.getmark.support.ticket.testing.KafkaTopic;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Poison messages end on getmark.intake.v1.dlq with a reason, and consumption goes on. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "tickets"))
class IntakeDeadLetterTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String DLQ = Topics.dlq(Topics.INTAKE);

    @InjectInfra
    Infra infra;
    @Inject
    DataSource dataSource;

    @Test
    @DisplayName("Garbage bytes on the intake topic go to the DLQ as they were, and the service keeps working")
    void unreadableValueGoesToDeadLetterTopic() {
        String key = "garbage-" + UUID.randomUUID();
        byte[] garbage = "{not json at all \u0000\u00ff".getBytes(StandardCharsets.UTF_8);
        KafkaTopic.send(infra.bootstrapServers(), Topics.INTAKE, key, garbage);

        try (KafkaTopic dlq = KafkaTopic.read(infra.bootstrapServers(), DLQ)) {
            ConsumerRecord<String, byte[]> dead = dlq.await(r -> key.equals(r.key()), WAIT);
            assertThat(dead.value()).isEqualTo(garbage);
            assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
            assertThat(header(dead, "dead-letter-topic")).isEqualTo(Topics.INTAKE);
        }

        // the consumer did not stop: a good message after the poison one is registered
        IntakeMessage good = Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null);
        KafkaTopic.send(infra.bootstrapServers(), Topics.INTAKE, good.key(), Json.toBytes(good));
        assertThat(TicketRegistrationTest.awaitTicket(good.messageId()).getString("status")).isEqualTo("new");
    }

    @Test
    @DisplayName("R1: a new request without a valid ИНН is not registered but parked on the DLQ with the reason")
    void newRequestWithInvalidInnGoesToDeadLetterTopic() {
        IntakeMessage bad = Intake.withInn(Intake.request(Intake.newMessageId(), TicketType.SOFTWARE_BUG, null),
                "7707083890"); // wrong check digit
        KafkaTopic.send(infra.bootstrapServers(), Topics.INTAKE, bad.messageId(), Json.toBytes(bad));

        try (KafkaTopic dlq = KafkaTopic.read(infra.bootstrapServers(), DLQ)) {
            ConsumerRecord<String, byte[]> dead = dlq.await(r -> bad.messageId().equals(r.key()), WAIT);
            assertThat(header(dead, "dead-letter-reason")).contains("ИНН").contains(bad.messageId())
                    .doesNotContain("7707083890");
            IntakeMessage parked = Json.fromBytes(dead.value(), IntakeMessage.class);
            assertThat(parked.messageId()).isEqualTo(bad.messageId());
        }
        assertThat(Db.count(dataSource, "select count(*) from ticket where message_id = ?", bad.messageId()))
                .isZero();
        assertThat(Db.count(dataSource, "select count(*) from processed_message where message_id = ?",
                bad.messageId())).isZero();
        given().auth().preemptive().basic("operator", "operator")
                .queryParam("messageId", bad.messageId())
                .get("/api/tickets")
                .then().statusCode(404);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = IntakeMessage.Kind.class, names = {"FOLLOW_UP", "CONFIRMATION", "DELIVERY_FAILURE"})
    @DisplayName("R1, R4: a follow-up, confirmation or bounce naming no known ticket is parked whole on the DLQ for "
            + "ops with the reason; nothing is registered and the consumer goes on")
    void messageForUnknownTicketGoesToDeadLetterTopic(IntakeMessage.Kind kind) {
        String unknown = "999999999";
        IntakeMessage message = kind == IntakeMessage.Kind.DELIVERY_FAILURE
                ? Intake.deliveryFailure(Intake.newMessageId(), unknown, "550 5.1.1 user unknown")
                : Intake.withKind(Intake.followUp(Intake.newMessageId(), unknown), kind);
        byte[] value = Json.toBytes(message);
        assertThat(ContractSchemas.violations(ContractSchemas.INTAKE_MESSAGE, value)).isEmpty();
        KafkaTopic.send(infra.bootstrapServers(), Topics.INTAKE, message.key(), value);

        try (KafkaTopic dlq = KafkaTopic.read(infra.bootstrapServers(), DLQ)) {
            ConsumerRecord<String, byte[]> dead = dlq.await(r -> r.value() != null
                    && new String(r.value(), StandardCharsets.UTF_8).contains(message.messageId()), WAIT);
            assertThat(dead.key()).isEqualTo(message.key());
            assertThat(header(dead, "dead-letter-reason")).contains(message.messageId())
                    .contains("ticket " + unknown).contains("does not exist")
                    .doesNotContain("romashka").doesNotContain(Intake.INN);
            assertThat(header(dead, "dead-letter-topic")).isEqualTo(Topics.INTAKE);
            IntakeMessage parked = Json.fromBytes(dead.value(), IntakeMessage.class);
            // kept whole: the customer's words are not lost
            assertThat(parked.messageId()).isEqualTo(message.messageId());
            assertThat(parked.kind()).isEqualTo(kind);
            assertThat(parked.ticketNumber()).isEqualTo(unknown);
            assertThat(parked.text()).isEqualTo(message.text()).isNotBlank();
            assertThat(parked.customer()).isEqualTo(message.customer());
        }
        assertThat(Db.count(dataSource, "select count(*) from processed_message where message_id = ?",
                message.messageId())).isZero();
        assertThat(Db.count(dataSource, "select count(*) from ticket where message_id = ?", message.messageId()))
                .isZero();

        IntakeMessage good = Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null);
        KafkaTopic.send(infra.bootstrapServers(), Topics.INTAKE, good.key(), Json.toBytes(good));
        assertThat(TicketRegistrationTest.awaitTicket(good.messageId()).getString("status")).isEqualTo("new");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return record.headers().lastHeader(name) == null ? null
                : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
