package ru.getmark.support.email.imap;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.email.repository.AutoReply;
import ru.getmark.support.email.repository.AutoReplyRepository;
import ru.getmark.support.email.support.MailClient;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.infra.kafka.TopicReader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The crash test, first half: this application publishes every message but dies before flagging it (a
 * {@link CrashingMarker}). What it leaves behind — the messages in the mailbox, unflagged, their records on Kafka, the
 * auto-reply in the database — is the state after a crash between reading and acknowledging. {@link CrashRestartTest}
 * (the next application start, Quarkus runs the profiles in this order) restarts on that state.
 */
@QuarkusTest
@TestProfile(CrashBeforeFlagTest.DiesBeforeTheFlag.class)
@WithTestResource(value = InfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "email"),
        @ResourceArg(name = "mail", value = "true")})
class CrashBeforeFlagTest {

    /** Handed to the restarted application (another class loader, same JVM): JDK types in system properties. */
    static final String PREFIX = "getmark.test.crash.";
    static final Duration WAIT = Duration.ofSeconds(30);

    public static class DiesBeforeTheFlag implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(CrashingMarker.class);
        }
    }

    @InjectInfra
    Infra infra;

    @Inject
    AutoReplyRepository replies;

    @Test
    @DisplayName("R5 crash, part 1: published and answered, then the process dies before the IMAP flag")
    void publishedButNeverFlagged() {
        MailClient mail = new MailClient(infra.mail());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String request = "<crash-request-" + tag + "@romashka.ru>";
        String refused = "<crash-refused-" + tag + "@vasilek.ru>";
        String requestSender = "crash-" + tag + "@romashka.ru";
        String refusedSender = "crash-" + tag + "@vasilek.ru";
        byte[] file = ("screenshot " + tag).getBytes(StandardCharsets.UTF_8);
        mail.deliver(requestSender, MailClient.withFile(request, requestSender, "Сбой при отправке УПД",
                "ИНН 7707083893. УПД не уходит в ЭДО.", "screen.png", "image/png", file));
        mail.deliver(refusedSender, MailClient.simple(refused, refusedSender, "Без ИНН",
                "Здравствуйте, у нас ошибка, помогите."));
        String requestId = "email:" + request.substring(1, request.length() - 1);
        String refusedId = "email:" + refused.substring(1, refused.length() - 1);

        await().atMost(WAIT).until(() -> !TopicReader.intake(infra.bootstrapServers(), requestId).isEmpty());
        await().atMost(WAIT).until(() -> !TopicReader.rejected(infra.bootstrapServers(), refusedId).isEmpty());
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() -> replies.byMessage(refusedId))
                .stream().anyMatch(r -> r.status == AutoReply.Status.SENT));
        assertThat(mail.mailbox(refusedSender)).hasSize(1);

        IntakeMessage published = TopicReader.intake(infra.bootstrapServers(), requestId).get(0).message();
        assertThat(published.kind()).isEqualTo(IntakeMessage.Kind.NEW_REQUEST);
        assertThat(TopicReader.rejected(infra.bootstrapServers(), refusedId).get(0).rejection().reason())
                .isEqualTo(RejectedIntake.Reason.MISSING_INN);
        assertThat(mail.support(request)).singleElement().satisfies(s -> assertThat(s.processed()).isFalse());
        assertThat(mail.support(refused)).singleElement().satisfies(s -> assertThat(s.processed()).isFalse());
        // Not flagged, so every pass reads both again and publishes them again under the same ids.
        await().atMost(WAIT).until(() -> TopicReader.intake(infra.bootstrapServers(), requestId).size() >= 2);

        // What the crashed instance leaves: the mailbox as the server holds it, and what was published.
        System.setProperty(PREFIX + "request", Base64.getEncoder().encodeToString(mail.stored(request)));
        System.setProperty(PREFIX + "refused", Base64.getEncoder().encodeToString(mail.stored(refused)));
        System.setProperty(PREFIX + "request.id", request);
        System.setProperty(PREFIX + "refused.id", refused);
        System.setProperty(PREFIX + "refused.sender", refusedSender);
        System.setProperty(PREFIX + "file.sha256", published.attachments().get(0).sha256());
    }
}
