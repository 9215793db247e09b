package ru.getmark.support.whatsapp.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.kafka.TopicReader;
import ru.getmark.support.infra.twilio.Inbound;
import ru.getmark.support.infra.twilio.SentMessage;
import ru.getmark.support.whatsapp.repository.InboxRepository;
import ru.getmark.support.whatsapp.support.Customer;
import ru.getmark.support.whatsapp.support.FakeTwilioResource;
import ru.getmark.support.whatsapp.support.InjectPrivateKafka;
import ru.getmark.support.whatsapp.support.PrivateKafka;
import ru.getmark.support.whatsapp.support.PrivateKafkaResource;
import ru.getmark.support.whatsapp.support.WhatsAppTest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing is lost when Kafka is down: the intake producer of this application talks to a broker of its own
 * ({@link PrivateKafka}), which the test really shuts down and starts again. Twilio's webhook is answered at once
 * regardless (Twilio would not redeliver it); the message waits in the inbox, retried with backoff, and is published
 * and answered once the broker is back. Also, in this profile, the flood guard with a low limit.
 */
@QuarkusTest
@TestProfile(KafkaOutageTest.Outage.class)
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "whatsapp"))
@WithTestResource(FakeTwilioResource.class)
@WithTestResource(PrivateKafkaResource.class)
class KafkaOutageTest extends WhatsAppTest {

    /** Short Kafka timeouts (an outage is noticed in seconds), a flood limit the test can reach. */
    public static class Outage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("getmark.intake.publish-timeout", "4s",
                    "mp.messaging.outgoing.intake.request.timeout.ms", "1500",
                    "mp.messaging.outgoing.intake.delivery.timeout.ms", "2400",
                    "mp.messaging.outgoing.intake.max.block.ms", "1500",
                    "getmark.whatsapp.flood.max-inputs", "12",
                    "getmark.whatsapp.flood.window", "10m");
        }
    }

    @InjectPrivateKafka
    PrivateKafka kafka;

    private Optional<InboxRepository.State> state(String sid) {
        return QuarkusTransaction.requiringNew().call(() -> inbox.state(sid));
    }

    @Test
    @DisplayName("Delivery guarantee, R5: Kafka down → the request waits in the inbox; Kafka back → published once "
            + "and answered")
    void requestWaitsForKafkaAndIsPublishedWhenItReturns() {
        Customer c = customer("Анна");
        WhatsAppDialogueTest.toAttachments(c);
        assertThat(c.saysAndReads("Готово")).contains("Проверьте Обращение");
        int answered = c.received().size();

        kafka.stop();
        try {
            Inbound send = twilio.customerSends(c.phone(), "Отправить", c.name());
            assertThat(send.status()).as("Twilio's webhook is answered at once, Kafka or not").isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(state(send.messageSid()))
                    .hasValueSatisfying(s -> {
                        assertThat(s.status()).isEqualTo(InboxRepository.PENDING);
                        assertThat(s.attempts()).isGreaterThanOrEqualTo(2);
                        assertThat(s.lastError()).containsIgnoringCase("kafka");
                    }));
            assertThat(c.received()).as("no answer before Kafka has the request").hasSize(answered);

            kafka.restart();
            List<SentMessage> answer = c.answersTo(send);
            assertThat(answer).singleElement().satisfies(m -> assertThat(m.body()).contains("Обращение отправлено"));
            List<IntakeMessage> published = TopicReader.intakeOfWhatsApp(kafka.bootstrapServers(), c.waId());
            assertThat(published).singleElement().satisfies(m -> {
                assertThat(m.kind()).isEqualTo(IntakeMessage.Kind.NEW_REQUEST);
                assertThat(m.messageId()).isEqualTo("whatsapp:" + send.messageSid());
            });
            assertThat(state(send.messageSid())).hasValueSatisfying(s ->
                    assertThat(s.status()).isEqualTo(InboxRepository.HANDLED));
        } finally {
            kafka.restart();
        }
    }

    @Test
    @DisplayName("R1: a flooding number is told once, then throttled; its messages are kept on intake-rejected")
    void floodIsThrottled() {
        // the guard counts in fixed 10-minute windows: start well inside one
        await().atMost(Duration.ofSeconds(90)).until(() -> Instant.now().getEpochSecond() % 600 < 540);
        Customer c = customer("Бот");
        List<List<SentMessage>> answers = new ArrayList<>();
        for (int i = 1; i <= 14; i++) {
            answers.add(c.says("сообщение " + i));
        }
        assertThat(answers.subList(0, 12)).allSatisfy(a -> assertThat(a).isNotEmpty()
                .noneMatch(m -> m.body().contains("слишком часто")));
        assertThat(answers.get(12)).singleElement().satisfies(m -> assertThat(m.body()).contains("слишком часто"));
        assertThat(answers.get(13)).isEmpty();
        List<RejectedIntake> rejected = TopicReader.rejectedOf(infra.bootstrapServers(), "whatsapp:" + c.waId());
        assertThat(rejected).hasSize(2).allSatisfy(r -> assertThat(r.reason()).isEqualTo(RejectedIntake.Reason.FLOOD));

        // another customer is served all the while
        Customer other = customer("Вера");
        assertThat(other.saysAndReads("Здравствуйте")).contains("Оформить новое Обращение");
    }
}
