package ru.getmark.support.email.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.email.config.EmailIntakeConfig;
import ru.getmark.support.email.repository.AutoReply;
import ru.getmark.support.email.repository.AutoReplyRepository;
import ru.getmark.support.email.support.MailClient;
import ru.getmark.support.infra.kafka.TopicReader;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A flood from one sender (the test profile allows 6 messages an hour) is held back: the rest are kept on the
 * rejected topic as flood, the sender is told once, not hundreds of tickets.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "email"),
        @ResourceArg(name = "mail", value = "true")})
class FloodTest {

    static final Duration WAIT = Duration.ofSeconds(40);

    @InjectInfra
    Infra infra;

    @Inject
    MeterRegistry registry;

    @Inject
    AutoReplyRepository replies;

    @Inject
    EmailIntakeConfig config;

    @Test
    @DisplayName("R5: limit + 4 requests from one address within the window → limit intake messages, 4 held back"
            + " as flood, one notice to the sender, a metric")
    void aFloodIsHeldBackAndReportedOnce() {
        int limit = config.flood().maxMessages();
        int sent = limit + 4;
        MailClient mail = new MailClient(infra.mail());
        String sender = "robot-" + UUID.randomUUID().toString().substring(0, 8) + "@romashka.ru";
        double heldBefore = registry.counter("getmark.email.flood.held").count();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= sent; i++) {
            String messageId = "<flood-" + i + "-" + UUID.randomUUID() + "@romashka.ru>";
            ids.add("email:" + messageId.substring(1, messageId.length() - 1));
            mail.deliver(sender, MailClient.simple(messageId, sender, "Ошибка №" + i + ", ИНН 7707083893",
                    "Снова ошибка при отправке УПД, попытка " + i + "."));
        }
        List<String> headers = ids.stream().map(id -> "<" + id.substring("email:".length()) + ">").toList();
        await().atMost(WAIT).until(() -> mail.allProcessed(headers));

        var intake = TopicReader.intakeByMessageId(infra.bootstrapServers());
        var rejected = TopicReader.rejectedByMessageId(infra.bootstrapServers());
        List<TopicReader.Intake> published = new ArrayList<>();
        List<TopicReader.Rejected> held = new ArrayList<>();
        for (String id : ids) {
            published.addAll(intake.getOrDefault(id, List.of()));
            held.addAll(rejected.getOrDefault(id, List.of()));
        }
        assertThat(published).hasSize(limit).allSatisfy(i ->
                assertThat(i.message().kind()).isEqualTo(IntakeMessage.Kind.NEW_REQUEST));
        assertThat(held).hasSize(4).allSatisfy(r -> {
            assertThat(r.rejection().reason()).isEqualTo(RejectedIntake.Reason.FLOOD);
            assertThat(r.key()).isEqualTo(sender);
            assertThat(r.rejection().payload()).contains("Снова ошибка при отправке УПД");
        });
        // the first ones in order of arrival went through
        assertThat(published.stream().map(i -> i.message().messageId()))
                .containsExactlyElementsOf(ids.subList(0, limit));
        assertThat(registry.counter("getmark.email.flood.held").count()).isEqualTo(heldBefore + 4);

        List<MailClient.Received> notices = await().atMost(WAIT).until(() -> mail.mailbox(sender), l -> !l.isEmpty());
        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.subject()).isEqualTo("Ваши письма временно не регистрируются");
            assertThat(n.autoSubmitted()).isEqualTo("auto-replied");
            assertThat(n.text()).contains("больше " + limit + " писем", "8 800 550-22-79");
        });
        // one more from the same sender in the same window: held, and no second notice
        String late = "<flood-late-" + UUID.randomUUID() + "@romashka.ru>";
        mail.deliver(sender, MailClient.simple(late, sender, "Ещё раз, ИНН 7707083893", "Ответьте!"));
        await().atMost(WAIT).until(() -> mail.processed(late));
        assertThat(TopicReader.rejected(infra.bootstrapServers(), "email:" + late.substring(1, late.length() - 1)))
                .singleElement().satisfies(r -> assertThat(r.rejection().reason())
                        .isEqualTo(RejectedIntake.Reason.FLOOD));
        assertThat(QuarkusTransaction.requiringNew().call(() -> replies.count("kind = ?1 and recipientHash = ?2",
                AutoReply.Kind.FLOOD, Addresses.hash(sender)))).as("one flood notice per window").isEqualTo(1);
        assertThat(mail.mailbox(sender)).hasSize(1);
    }
}
