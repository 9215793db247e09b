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
import ru.getmark.support.adapter.attachment.AttachmentRepository;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.email.repository.AutoReply;
import ru.getmark.support.email.repository.AutoReplyRepository;
import ru.getmark.support.email.support.MailClient;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.infra.kafka.TopicReader;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The crash test, second half: a new application (new profile = Quarkus stops the crashed one and starts this one,
 * same Kafka, same PostgreSQL) finds the mailbox as the crashed instance left it. The test mail server does not
 * outlive an application start (deploy/infra), so the test puts the crashed instance's two messages back into the
 * new server's INBOX byte for byte and unflagged — the state the real mail server would have kept.
 * <p>
 * "Registered once" is shown by what reaches Kafka: the message comes again with the same messageId and the same
 * attachment references (ticket-service registers a messageId once, R5, tested there by its IntakeListener tests),
 * its file is stored once, the refused message's auto-reply is not sent again, and after the flag nothing more is
 * published.
 */
@QuarkusTest
@TestProfile(CrashRestartTest.Restarted.class)
@WithTestResource(value = InfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "email"),
        @ResourceArg(name = "mail", value = "true")})
class CrashRestartTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String PREFIX = CrashBeforeFlagTest.PREFIX;

    /**
     * A restart with the ordinary beans, in a new process. It also polls instead of using IDLE
     * ({@code getmark.mail.imap.idle=false}), so the polling path reads the mailbox here.
     */
    public static class Restarted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("getmark.mail.imap.idle", "false");
        }
    }

    @InjectInfra
    Infra infra;

    @Inject
    AutoReplyRepository replies;

    @Inject
    AttachmentRepository attachments;

    @Inject
    MailboxReader reader;

    @Test
    @DisplayName("R5 crash, part 2: after the restart (polling, no IDLE) the message is published again with the same"
            + " messageId, flagged once, its file stored once, no second auto-reply, nothing more after the flag")
    void afterTheRestartTheMessageIsPublishedAgainAndFlaggedOnce() {
        assumeTrue(System.getProperty(PREFIX + "request") != null,
                "CrashBeforeFlagTest did not run before: run the module's whole test suite");
        MailClient mail = new MailClient(infra.mail());
        await().atMost(WAIT).until(() -> reader.state().connected());
        assertThat(reader.state().idle()).as("polling, as configured").isFalse();
        String request = System.getProperty(PREFIX + "request.id");
        String refused = System.getProperty(PREFIX + "refused.id");
        String requestId = "email:" + request.substring(1, request.length() - 1);
        String refusedId = "email:" + refused.substring(1, refused.length() - 1);
        List<TopicReader.Intake> beforeCrash = TopicReader.intake(infra.bootstrapServers(), requestId);
        int rejectedBefore = TopicReader.rejected(infra.bootstrapServers(), refusedId).size();
        assertThat(beforeCrash).isNotEmpty();

        mail.append(Base64.getDecoder().decode(System.getProperty(PREFIX + "request")));
        mail.append(Base64.getDecoder().decode(System.getProperty(PREFIX + "refused")));

        await().atMost(WAIT).until(() -> mail.processed(request) && mail.processed(refused));
        List<TopicReader.Intake> after = TopicReader.intake(infra.bootstrapServers(), requestId);
        assertThat(after).hasSizeGreaterThan(beforeCrash.size());
        IntakeMessage first = beforeCrash.get(0).message();
        assertThat(after).allSatisfy(i -> {
            assertThat(i.message().messageId()).isEqualTo(requestId);
            assertThat(i.message().kind()).isEqualTo(IntakeMessage.Kind.NEW_REQUEST);
            assertThat(i.message().attachments()).isEqualTo(first.attachments());
            assertThat(i.key()).isEqualTo(beforeCrash.get(0).key());
        });
        assertThat(TopicReader.rejected(infra.bootstrapServers(), refusedId)).hasSizeGreaterThan(rejectedBefore);
        assertThat(mail.support(request)).singleElement().satisfies(s -> assertThat(s.processed()).isTrue());
        assertThat(mail.support(refused)).singleElement().satisfies(s -> assertThat(s.processed()).isTrue());

        // Flagged means done: further passes (every second here) publish nothing more.
        int published = after.size();
        int rejected = TopicReader.rejected(infra.bootstrapServers(), refusedId).size();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                TopicReader.intake(infra.bootstrapServers(), requestId).size() == published
                        && TopicReader.rejected(infra.bootstrapServers(), refusedId).size() == rejected);

        List<AutoReply> autoReplies = QuarkusTransaction.requiringNew().call(() -> replies.byMessage(refusedId));
        assertThat(autoReplies).singleElement().satisfies(r -> {
            assertThat(r.status).isEqualTo(AutoReply.Status.SENT);
            assertThat(r.attempts).isEqualTo(1);
        });
        assertThat(mail.mailbox(System.getProperty(PREFIX + "refused.sender")))
                .as("the auto-reply went out before the crash, not again").isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() ->
                attachments.contentCount(System.getProperty(PREFIX + "file.sha256")))).isEqualTo(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> attachments.files(requestId))).hasSize(1);
    }
}
