package ru.getmark.support.telegram.service;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.AttachmentRef;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.infra.kafka.TopicReader;
import ru.getmark.support.infra.telegram.FakeTelegramApi;
import ru.getmark.support.infra.telegram.RecordedCall;
import ru.getmark.support.infra.telegram.SimMessage;
import ru.getmark.support.telegram.support.FakeTelegramResource;
import ru.getmark.support.telegram.support.InjectFakeTelegram;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bot end to end: the real TelegramBots long polling and client against the fake Bot API, real Kafka and
 * PostgreSQL. A customer completes /new and a schema-valid NEW_REQUEST lands on getmark.intake.v1.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "telegram"))
@WithTestResource(FakeTelegramResource.class)
class TelegramDialogueTest {

    private static final AtomicLong USERS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100);
    private static final String INN = "7707083893";

    @InjectInfra
    Infra infra;

    @InjectFakeTelegram
    FakeTelegramApi telegram;

    /** Does what the user does and waits for the bot's answer; returns the bot's newest message. */
    private SimMessage step(long user, Runnable action) {
        int before = telegram.botMessages(user).size();
        action.run();
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.botMessages(user).size() > before);
        return telegram.lastBotMessage(user);
    }

    private SimMessage press(long user, SimMessage message, String data) {
        return step(user, () -> telegram.userCallback(user, message.messageId(), data));
    }

    private SimMessage pressFirst(long user, SimMessage message) {
        assertThat(message.callbackData()).as("buttons of «%s»", message.text()).isNotEmpty();
        return press(user, message, message.callbackData().get(0));
    }

    /** /new to the summary; {@code file} (may be null) is sent at the attachments step. Presses «Отправить». */
    private void newRequest(long user, Runnable file) {
        newRequest(user, file, true);
    }

    /** As {@link #newRequest(long, Runnable)}; {@code stored} false: the file is refused, the step stays at 0 files. */
    private void newRequest(long user, Runnable file, boolean stored) {
        step(user, () -> telegram.userMessage(user, "/start"));
        step(user, () -> telegram.userMessage(user, "/new"));
        step(user, () -> telegram.userMessage(user, INN));
        step(user, () -> telegram.userMessage(user, "anna@example.ru"));
        SimMessage m = step(user, () -> telegram.userMessage(user, "ООО Ромашка"));
        m = pressFirst(user, m);                       // type
        m = pressFirst(user, m);                       // process
        m = step(user, () -> telegram.userMessage(user, "Не печатается этикетка на складе"));
        m = pressFirst(user, m);                       // impact
        if (file != null) {
            file.run();
            // The file is fetched with getFile and stored first; the answer (one or more messages) ends with the
            // attachments step's buttons again.
            await().atMost(Duration.ofSeconds(20)).until(() -> telegram.lastBotMessage(user).buttons().stream()
                    .flatMap(List::stream).anyMatch(b -> b.text().contains("Готово")
                            && (!stored || telegram.lastBotMessage(user).text().contains("Файлов: 1"))));
            m = telegram.lastBotMessage(user);
        }
        m = press(user, m, m.callbackDataOf("Готово"));
        press(user, m, m.callbackDataOf("Отправить"));
    }

    @Test
    @DisplayName("R1, R3: /new to the end in Telegram publishes one schema-valid NEW_REQUEST, acknowledged by Kafka")
    void fullDialoguePublishesNewRequest() {
        long user = USERS.incrementAndGet();
        telegram.user(user, "Анна", "Иванова", "anna");
        newRequest(user, null);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<IntakeMessage> intake = TopicReader.intakeOfTelegramChat(infra.bootstrapServers(), user);
            assertThat(intake).hasSize(1);
            IntakeMessage message = intake.get(0);
            assertThat(message.kind()).isEqualTo(IntakeMessage.Kind.NEW_REQUEST);
            assertThat(message.channel()).isEqualTo(Channel.TELEGRAM);
            assertThat(message.inn()).isEqualTo(INN);
            assertThat(message.messageId()).startsWith("telegram:" + telegram.botId() + ":");
            assertThat(message.customer().email()).isEqualTo("anna@example.ru");
            assertThat(message.customer().telegramChatId()).isEqualTo(user);
            assertThat(message.replyTo().channel()).isEqualTo(Channel.TELEGRAM);
            assertThat(message.replyTo().address()).isEqualTo(Long.toString(user));
            assertThat(message.text()).contains("Не печатается этикетка");
            assertThat(message.attachments()).isEmpty();
        });
        assertThat(telegram.myCommands()).isNotEmpty();
    }

    @Test
    @DisplayName("R1: a document the customer sends is kept by claim check; staff download it with HTTP Basic")
    void documentIsStoredAndDownloadableByStaff() {
        long user = USERS.incrementAndGet();
        byte[] pdf = ("%PDF-1.4 накладная " + user).getBytes(StandardCharsets.UTF_8);
        newRequest(user, () -> telegram.userDocument(user, "накладная.pdf", "application/pdf", pdf, null));

        AtomicReference<AttachmentRef> ref = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<IntakeMessage> intake = TopicReader.intakeOfTelegramChat(infra.bootstrapServers(), user);
            assertThat(intake).hasSize(1);
            assertThat(intake.get(0).attachments()).hasSize(1);
            ref.set(intake.get(0).attachments().get(0));
        });
        AttachmentRef file = ref.get();
        assertThat(file.name()).isEqualTo("накладная.pdf");
        assertThat(file.contentType()).isEqualTo("application/pdf");
        assertThat(file.size()).isEqualTo(pdf.length);
        assertThat(file.url()).startsWith("https://telegram.getmark.test/api/attachments/");
        String path = URI.create(file.url()).getPath();

        given().when().get(path).then().statusCode(401);
        given().auth().preemptive().basic("visitor", "visitor").when().get(path).then().statusCode(403);
        given().auth().preemptive().basic("operator", "wrong").when().get(path).then().statusCode(401);
        byte[] downloaded = given().auth().preemptive().basic("operator", "operator").when().get(path)
                .then().statusCode(200).header("Content-Disposition", containsString("attachment"))
                .extract().asByteArray();
        assertThat(downloaded).isEqualTo(pdf);
    }

    @Test
    @DisplayName("R1: a document over the Bot API's 20 MB download limit is refused politely, logged on "
            + "intake-rejected (too_large), and the dialogue goes on without it")
    void documentOverDownloadLimitIsRefusedPolitely() {
        long user = USERS.incrementAndGet();
        long declaredSize = 25L * 1024 * 1024;   // the fake's getFile answers 400 "file is too big"
        AtomicReference<SimMessage> refusal = new AtomicReference<>();
        AtomicReference<String> fileId = new AtomicReference<>();
        newRequest(user, () -> {
            int before = telegram.botMessages(user).size();
            fileId.set(telegram.userDocument(user, "логи.zip", "application/zip",
                    "tiny".getBytes(StandardCharsets.UTF_8), null, declaredSize).fileId());
            await().atMost(Duration.ofSeconds(20)).until(() -> telegram.botMessages(user).size() > before);
            refusal.set(telegram.botMessages(user).get(before));
        }, false);

        assertThat(refusal.get().text()).contains("слишком большой");
        assertThat(telegram.calls("getFile")).noneMatch(c -> c.status() == 200
                && fileId.get().equals(c.params().path("file_id").asText()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<IntakeMessage> intake = TopicReader.intakeOfTelegramChat(infra.bootstrapServers(), user);
            assertThat(intake).hasSize(1);
            assertThat(intake.get(0).kind()).isEqualTo(IntakeMessage.Kind.NEW_REQUEST);
            assertThat(intake.get(0).attachments()).isEmpty();
        });
        List<RejectedIntake> rejected = TopicReader.rejectedOf(infra.bootstrapServers(), "telegram:" + user);
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).reason()).isEqualTo(RejectedIntake.Reason.TOO_LARGE);
        assertThat(rejected.get(0).channel()).isEqualTo(Channel.TELEGRAM);
        assertThat(rejected.get(0).payload()).isEqualTo("логи.zip");
        assertThat(rejected.get(0).messageId()).startsWith("telegram:" + telegram.botId() + ":");
    }

    @Test
    @DisplayName("R5: the same update delivered twice makes one answer")
    void duplicateUpdateIsHandledOnce() {
        long user = USERS.incrementAndGet();
        telegram.userMessage(user, "/help", 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.botMessages(user).size() >= 1);
        // Both copies came in one getUpdates answer; the offset moves on only after both were handled.
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.pendingUpdateCount() == 0);
        int afterDuplicate = telegram.botMessages(user).size();
        // The same command once more, as a new update: exactly as many answers as the duplicated one got.
        step(user, () -> telegram.userMessage(user, "/help"));
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.pendingUpdateCount() == 0);
        assertThat(telegram.botMessages(user)).hasSize(2 * afterDuplicate);
    }

    @Test
    @DisplayName("R5: a 429 from the Bot API is retried after the retry_after Telegram asked for, and the answer arrives")
    void rateLimitRetryAfterIsHonoured() {
        long user = USERS.incrementAndGet();
        step(user, () -> telegram.userMessage(user, "/start"));
        int callsBefore = telegram.calls("sendMessage").size();
        telegram.rateLimit("sendMessage", 1, 2);

        SimMessage answer = step(user, () -> telegram.userMessage(user, "/help"));

        assertThat(answer.text()).isNotBlank();
        List<RecordedCall> calls = telegram.calls("sendMessage");
        calls = calls.subList(callsBefore, calls.size());
        assertThat(calls).extracting(RecordedCall::status).startsWith(429, 200);
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at()))
                .as("pause between the 429 and the retry").isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(telegram.botMessages(user)).filteredOn(m -> m.text().equals(answer.text())).hasSize(1);
    }
}
