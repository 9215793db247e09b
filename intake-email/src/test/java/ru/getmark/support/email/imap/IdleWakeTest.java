package ru.getmark.support.email.imap;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.email.support.MailClient;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.infra.kafka.TopicReader;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * New mail is read when the server announces it, never at the next poll: the poll interval here is half an hour, so a
 * message that waited for it would fail the test. The hard case is mail that arrives after the reader's last look
 * (its SEARCH) and before its IDLE command: the server announces it in its answer to IDLE itself, before the
 * continuation, which Jakarta Mail's {@code idle()} consumes without returning.
 */
@QuarkusTest
@TestProfile(IdleWakeTest.HalfHourPolls.class)
@WithTestResource(value = InfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "email"),
        @ResourceArg(name = "mail", value = "true")})
class IdleWakeTest {

    /** Far longer than any wait below: only IDLE can explain a message read in time. */
    static final Duration WAIT = Duration.ofSeconds(30);

    public static class HalfHourPolls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("getmark.email.poll-interval", "30m");
        }
    }

    @InjectInfra
    Infra infra;

    @Inject
    MailboxReader reader;

    @AfterEach
    void noHook() {
        reader.beforeIdle(null);
    }

    @Test
    @DisplayName("R2: mail arriving while the reader waits in IDLE is published at once, not at the next poll")
    void mailDuringIdle() {
        MailClient mail = new MailClient(infra.mail());
        await().atMost(WAIT).until(() -> reader.state().connected());
        String messageId = deliver(mail, "idle");
        await().atMost(WAIT).until(() -> mail.processed(messageId));
        assertThat(TopicReader.intake(infra.bootstrapServers(), "email:" + bare(messageId))).hasSize(1);
    }

    @Test
    @DisplayName("R2: mail arriving between the reader's last look and its IDLE command is published at once, not at"
            + " the next poll")
    void mailBetweenTheLastLookAndIdle() {
        MailClient mail = new MailClient(infra.mail());
        await().atMost(WAIT).until(() -> reader.state().connected());
        String late = "<idle-late-" + UUID.randomUUID() + "@romashka.ru>";
        AtomicBoolean delivered = new AtomicBoolean();
        // The next time the reader is about to IDLE (after handling the first message and finding nothing more), the
        // second message lands in the mailbox: it is announced only in the server's answer to IDLE.
        reader.beforeIdle(() -> {
            if (delivered.compareAndSet(false, true)) {
                String sender = "idle-late@romashka.ru";
                mail.deliver(sender, MailClient.simple(late, sender, "Не формируется УПД",
                        "ИНН 7707083893. УПД не формируется после обновления."));
            }
        });
        String first = deliver(mail, "idle-first");

        await().atMost(WAIT).until(() -> mail.processed(first));
        await().atMost(WAIT).until(delivered::get);
        await().atMost(WAIT).until(() -> mail.processed(late));
        assertThat(TopicReader.intake(infra.bootstrapServers(), "email:" + bare(late))).hasSize(1);
    }

    private static String deliver(MailClient mail, String tag) {
        String messageId = "<" + tag + "-" + UUID.randomUUID() + "@romashka.ru>";
        String sender = tag + "@romashka.ru";
        mail.deliver(sender, MailClient.simple(messageId, sender, "Не печатается этикетка",
                "ИНН 7707083893. Принтер не печатает этикетку."));
        return messageId;
    }

    private static String bare(String messageId) {
        return messageId.substring(1, messageId.length() - 1);
    }
}
