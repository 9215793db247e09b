package ru.getmark.support.email.imap;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.email.support.MailClient;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.infra.kafka.TopicReader;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** The mail server goes away and comes back: the reader reconnects by itself and reads what arrived meanwhile. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "email"),
        @ResourceArg(name = "mail", value = "true")})
class ReconnectTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @InjectInfra
    Infra infra;

    @Inject
    MailboxReader reader;

    @Inject
    MeterRegistry registry;

    @Test
    @DisplayName("IMAP server stopped and restarted: not ready meanwhile, reconnected by itself with backoff, and the"
            + " mail delivered after the restart is taken in")
    void reconnectsAfterTheServerDropped() {
        MailClient mail = new MailClient(infra.mail());
        await().atMost(WAIT).until(() -> reader.state().connected());
        double reconnects = reconnects();

        infra.mail().stop();
        try {
            await().atMost(WAIT).until(() -> !reader.state().connected());
            given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            assertThat(reader.state().problem()).isNotBlank();
        } finally {
            infra.mail().restart();
        }
        String sender = "reconnect-" + UUID.randomUUID().toString().substring(0, 8) + "@romashka.ru";
        String messageId = "<" + UUID.randomUUID() + "@romashka.ru>";
        mail.deliver(sender, MailClient.simple(messageId, sender, "После сбоя почты",
                "ИНН 7707083893. Не проходит приёмка УПД после обновления."));

        await().atMost(WAIT).until(() -> reader.state().connected());
        await().atMost(WAIT).until(() -> mail.processed(messageId));
        String id = "email:" + messageId.substring(1, messageId.length() - 1);
        assertThat(TopicReader.intake(infra.bootstrapServers(), id)).singleElement()
                .satisfies(i -> assertThat(i.message().kind()).isEqualTo(IntakeMessage.Kind.NEW_REQUEST));
        assertThat(reconnects()).isGreaterThanOrEqualTo(reconnects + 1);
        await().atMost(WAIT).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
    }

    private double reconnects() {
        return registry.counter("getmark.email.imap.reconnects").count();
    }
}
