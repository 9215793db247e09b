package ru.getmark.support.email.imap;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.email.repository.AutoReply;
import ru.getmark.support.email.repository.AutoReplyRepository;
import ru.getmark.support.email.support.MailClient;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.infra.kafka.TopicReader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 8: a pass reads the mailbox in chunks (here of 7 messages) — one FETCH of the bodies, one transaction for the
 * claims and flood counts, the records sent together and their acknowledgements awaited together, one STORE of the
 * flag. The guarantees stay those of one message at a time: every message published once and flagged only once Kafka
 * has it, in the mailbox's order; a message Kafka does not take stays unflagged and is published later, once.
 * <p>
 * The burst lands in the mailbox while the reader is about to IDLE (the reader's test seam), so the next pass finds
 * all of it at once. The refusals of this profile go to a topic of their own that does not exist until the test
 * creates it (auto topic creation is off): Kafka refuses exactly those records, the requests go through.
 */
@QuarkusTest
@TestProfile(ChunkedPassTest.SmallChunks.class)
@WithTestResource(value = InfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "email"),
        @ResourceArg(name = "mail", value = "true")})
class ChunkedPassTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String INN = "7707083893";
    static final String REJECTED_TOPIC = "getmark.test.chunk-rejected";

    public static class SmallChunks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("getmark.email.chunk.max-messages", "7",
                    "mp.messaging.outgoing.intake-rejected.topic", REJECTED_TOPIC,
                    // a missing topic fails the send after max.block.ms: keep the test short
                    "mp.messaging.outgoing.intake-rejected.max.block.ms", "2000");
        }
    }

    @InjectInfra
    Infra infra;

    @Inject
    MailboxReader reader;

    @Inject
    AutoReplyRepository replies;

    @AfterEach
    void noHook() {
        reader.beforeIdle(null);
    }

    @Test
    @DisplayName("R5 issue 8: a burst of 25 requests (and a second copy of one) read in chunks → each published once,"
            + " in the mailbox's order, every copy flagged")
    void aBurstIsPublishedOnceInOrder() {
        MailClient mail = new MailClient(infra.mail());
        await().atMost(WAIT).until(() -> reader.state().connected());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Map<String, byte[]> burst = new LinkedHashMap<>();
        for (int i = 1; i <= 25; i++) {
            String messageId = "<burst-" + i + "-" + tag + "@romashka.ru>";
            String sender = "burst-" + i + "-" + tag + "@romashka.ru";
            burst.put(messageId, MailClient.simple(messageId, sender, "Ошибка №" + i + ", ИНН " + INN,
                    "Не уходит УПД номер " + i + "."));
        }
        List<String> headers = new ArrayList<>(burst.keySet());
        String copied = headers.get(4);
        deliverWhenTheReaderIsAboutToIdle(mail, () -> {
            for (Map.Entry<String, byte[]> m : burst.entrySet()) {
                mail.deliver("burst-" + tag + "@romashka.ru", m.getValue());
                if (m.getKey().equals(copied)) {
                    // the same message once more, e.g. delivered twice by the customer's server: same Message-ID
                    mail.deliver("burst-" + tag + "@romashka.ru", m.getValue());
                }
            }
        });

        await().atMost(WAIT).until(() -> mail.allProcessed(headers));
        assertThat(mail.support(copied)).hasSize(2).allSatisfy(s -> assertThat(s.processed()).isTrue());
        List<String> ids = headers.stream().map(ChunkedPassTest::id).toList();
        List<String> published = TopicReader.intake(infra.bootstrapServers(),
                        (IntakeMessage m) -> ids.contains(m.messageId()))
                .stream().map(i -> i.message().messageId()).toList();
        // one key (the ИНН), one partition: the topic's order is the order of the sends
        assertThat(published).as("each once, in the mailbox's order").containsExactlyElementsOf(ids);
    }

    @Test
    @DisplayName("R1 issue 8: Kafka refuses one record of a chunk → the others are published and flagged, that one"
            + " stays unflagged and is published once, answered once, when Kafka takes it again")
    void aRecordKafkaRefusesWaitsAndIsPublishedOnceLater() throws Exception {
        MailClient mail = new MailClient(infra.mail());
        await().atMost(WAIT).until(() -> reader.state().connected());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String first = "<chunk-first-" + tag + "@romashka.ru>";
        String refused = "<chunk-refused-" + tag + "@vasilek.ru>";
        String last = "<chunk-last-" + tag + "@romashka.ru>";
        String refusedSender = "chunk-" + tag + "@vasilek.ru";
        deliverWhenTheReaderIsAboutToIdle(mail, () -> {
            mail.deliver("a-" + tag + "@romashka.ru", MailClient.simple(first, "a-" + tag + "@romashka.ru",
                    "Не печатается этикетка, ИНН " + INN, "Принтер не печатает."));
            mail.deliver(refusedSender, MailClient.simple(refused, refusedSender, "Без ИНН",
                    "Здравствуйте, у нас ошибка, помогите."));
            mail.deliver("b-" + tag + "@romashka.ru", MailClient.simple(last, "b-" + tag + "@romashka.ru",
                    "Не уходит УПД, ИНН " + INN, "УПД не уходит в ЭДО."));
        });

        await().atMost(WAIT).until(() -> mail.processed(first) && mail.processed(last));
        assertThat(TopicReader.intake(infra.bootstrapServers(), id(first))).hasSize(1);
        assertThat(TopicReader.intake(infra.bootstrapServers(), id(last))).hasSize(1);
        assertThat(mail.processed(refused)).as("not flagged while Kafka does not have it").isFalse();
        assertThat(QuarkusTransaction.requiringNew().call(() -> replies.byMessage(id(refused))))
                .as("no auto-reply before the refusal is kept").isEmpty();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(REJECTED_TOPIC, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw e;
            }
        }
        await().atMost(WAIT).until(() -> mail.processed(refused));
        List<RejectedIntake> kept = rejections(id(refused));
        assertThat(kept).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectedIntake.Reason.MISSING_INN);
            assertThat(r.senderId()).isEqualTo(refusedSender);
        });
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() -> replies.byMessage(id(refused)))
                .stream().anyMatch(r -> r.status == AutoReply.Status.SENT));
        assertThat(mail.mailbox(refusedSender)).hasSize(1);
        // flagged: read no more
        assertThat(TopicReader.intake(infra.bootstrapServers(), id(first))).hasSize(1);
        assertThat(TopicReader.intake(infra.bootstrapServers(), id(last))).hasSize(1);
        assertThat(rejections(id(refused))).hasSize(1);
    }

    /** Runs {@code delivery} on the reader's thread the next time it is about to IDLE: its next pass finds it all. */
    private void deliverWhenTheReaderIsAboutToIdle(MailClient mail, Runnable delivery) {
        AtomicBoolean delivered = new AtomicBoolean();
        reader.beforeIdle(() -> {
            if (delivered.compareAndSet(false, true)) {
                delivery.run();
            }
        });
        // something to read wakes the reader; once it has read it, it comes back to IDLE and runs the hook
        String nudge = "<nudge-" + UUID.randomUUID() + "@romashka.ru>";
        mail.deliver("nudge@romashka.ru", MailClient.simple(nudge, "nudge@romashka.ru", "Вопрос, ИНН " + INN,
                "Как обновить программу?"));
        await().atMost(WAIT).until(delivered::get);
    }

    private List<RejectedIntake> rejections(String messageId) {
        List<RejectedIntake> found = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(infra.bootstrapServers(), REJECTED_TOPIC)) {
            RejectedIntake rejection = Json.fromBytes(record.value(), RejectedIntake.class);
            if (messageId.equals(rejection.messageId())) {
                found.add(rejection);
            }
        }
        return found;
    }

    private static String id(String header) {
        return "email:" + header.substring(1, header.length() - 1);
    }
}
