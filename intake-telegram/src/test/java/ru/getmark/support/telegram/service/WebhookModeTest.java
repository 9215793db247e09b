package ru.getmark.support.telegram.service;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.infra.kafka.TopicReader;
import ru.getmark.support.infra.telegram.Delivered;
import ru.getmark.support.infra.telegram.FakeTelegramApi;
import ru.getmark.support.infra.telegram.RecordedCall;
import ru.getmark.support.infra.telegram.SimMessage;
import ru.getmark.support.infra.telegram.WebhookDelivery;
import ru.getmark.support.telegram.support.FakeTelegramResource;
import ru.getmark.support.telegram.support.InjectFakeTelegram;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Production's mode end to end: the application calls setWebhook at start, and the fake Bot API POSTs every update to
 * this application's /telegram/webhook with the secret, retrying until 2xx. The same application start (one profile,
 * to keep the module's test time small) also proves the per-chat flood guard with a small limit.
 */
@QuarkusTest
@TestProfile(WebhookModeTest.WebhookMode.class)
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "telegram"))
@WithTestResource(value = FakeTelegramResource.class,
        initArgs = @ResourceArg(name = FakeTelegramResource.WEBHOOK, value = "true"))
class WebhookModeTest {

    /** Inputs a chat may send per window here; a /new up to its summary takes {@value} inputs. */
    static final int MAX_INPUTS = 10;

    /**
     * Webhook mode (set by {@link FakeTelegramResource}) and a small flood limit. A day-long window: a fixed window
     * boundary inside the test would reset the count and make it flaky.
     */
    public static class WebhookMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("getmark.telegram.flood.max-inputs", Integer.toString(MAX_INPUTS),
                    "getmark.telegram.flood.window", "1d");
        }
    }

    private static final AtomicLong USERS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100 + 50);
    private static final String INN = "7707083893";

    @InjectInfra
    Infra infra;

    @InjectFakeTelegram
    FakeTelegramApi telegram;

    private SimMessage step(long user, Runnable action) {
        int before = telegram.botMessages(user).size();
        action.run();
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.botMessages(user).size() > before);
        return telegram.lastBotMessage(user);
    }

    private SimMessage press(long user, SimMessage message, String data) {
        return step(user, () -> telegram.userCallback(user, message.messageId(), data));
    }

    /** Every POST of this update to the webhook so far. */
    private List<WebhookDelivery> deliveriesOf(long updateId) {
        return telegram.webhookDeliveries().stream().filter(d -> d.updateId() == updateId).toList();
    }

    @Test
    @DisplayName("R5: at start the service calls setWebhook with its /telegram/webhook URL and the secret")
    void setWebhookAtStart() {
        List<RecordedCall> calls = telegram.calls("setWebhook");
        assertThat(calls).isNotEmpty();
        RecordedCall call = calls.get(calls.size() - 1);
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.param("secret_token")).isEqualTo(FakeTelegramResource.WEBHOOK_SECRET);
        assertThat(telegram.webhookUrl()).startsWith("http://127.0.0.1:").endsWith("/telegram/webhook");
        assertThat(call.param("url")).isEqualTo(telegram.webhookUrl());
        // Long polling is off: a getUpdates while a webhook is set would be refused with 409.
        assertThat(telegram.calls("getUpdates")).isEmpty();
    }

    @Test
    @DisplayName("R5: a message from the simulator (/sim) arrives by webhook with the secret and is answered")
    void simulatorMessageIsDeliveredByWebhookAndAnswered() {
        long user = USERS.incrementAndGet();
        int before = telegram.botMessages(user).size();
        given().baseUri(telegram.baseUrl()).contentType("application/json").body(Map.of("text", "/start"))
                .when().post("/sim/users/" + user + "/messages").then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.botMessages(user).size() > before);
        assertThat(telegram.lastBotMessage(user).text()).isNotBlank();
        List<WebhookDelivery> deliveries = telegram.webhookDeliveries();
        assertThat(deliveries).isNotEmpty().allSatisfy(d -> {
            assertThat(d.url()).isEqualTo(telegram.webhookUrl());
            assertThat(d.secretSent()).isTrue();
        });
        assertThat(deliveries).anyMatch(d -> d.status() == 200);
    }

    @Test
    @DisplayName("R5: the same update posted twice to the webhook makes one answer; both posts get 200")
    void duplicateWebhookUpdateIsAnsweredOnce() {
        long user = USERS.incrementAndGet();
        Delivered twice = telegram.userMessage(user, "/help", 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveriesOf(twice.updateId()).stream()
                .filter(d -> d.status() == 200).count() == 2);
        int afterDuplicate = telegram.botMessages(user).size();
        assertThat(afterDuplicate).isPositive();

        // The same command once more, as a new update: exactly as many answers as the duplicated one got.
        Delivered once = telegram.userMessage(user, "/help");
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveriesOf(once.updateId()).stream()
                .anyMatch(d -> d.status() == 200));
        assertThat(telegram.botMessages(user)).hasSize(2 * afterDuplicate);
    }

    @Test
    @DisplayName("R5: a flood from one chat is throttled politely, nothing more is submitted for it; other chats unaffected")
    void floodFromOneChatIsThrottled() {
        long flooder = USERS.incrementAndGet();
        long other = USERS.incrementAndGet();

        // Inputs 1..10 (the limit): /new to the summary.
        step(flooder, () -> telegram.userMessage(flooder, "/new"));
        step(flooder, () -> telegram.userMessage(flooder, INN));
        step(flooder, () -> telegram.userMessage(flooder, "petr@example.ru"));
        SimMessage m = step(flooder, () -> telegram.userMessage(flooder, "ООО Василёк"));
        m = press(flooder, m, m.callbackData().get(0));             // type
        m = press(flooder, m, m.callbackData().get(0));             // process
        m = step(flooder, () -> telegram.userMessage(flooder, "Не уходят чеки в ОФД"));
        m = press(flooder, m, m.callbackData().get(0));             // impact
        m = press(flooder, m, m.callbackDataOf("Готово"));          // attachments done: the summary (9th)
        assertThat(m.callbackDataOf("Отправить")).isNotNull();
        // 10th: still answered (a sticker: the bot says so and shows the summary again).
        int beforeSticker = telegram.botMessages(flooder).size();
        telegram.userSticker(flooder, "👍");
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.botMessages(flooder).size() > beforeSticker + 1
                && telegram.lastBotMessage(flooder).buttons().stream().flatMap(List::stream)
                .anyMatch(b -> b.text().contains("Отправить")));
        SimMessage summary = telegram.lastBotMessage(flooder);

        // 11th: over the limit. «Отправить» would submit the request; throttled, it gets the polite notice instead.
        int before = telegram.botMessages(flooder).size();
        Delivered send = telegram.userCallback(flooder, summary.messageId(), summary.callbackDataOf("Отправить"));
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.botMessages(flooder).size() > before);
        List<SimMessage> answers = telegram.botMessages(flooder);
        assertThat(answers).hasSize(before + 1);
        assertThat(answers.get(before).text()).contains("слишком часто");
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.callbackAnswer(send.callbackQueryId()) != null);

        // 12th and 13th: silence (the chat was told once), and still nothing submitted.
        Delivered more = telegram.userMessage(flooder, "Алло?");
        Delivered last = telegram.userCallback(flooder, summary.messageId(), summary.callbackDataOf("Отправить"));
        await().atMost(Duration.ofSeconds(20)).until(() -> deliveriesOf(more.updateId()).stream()
                .anyMatch(d -> d.status() == 200) && deliveriesOf(last.updateId()).stream()
                .anyMatch(d -> d.status() == 200));

        // Another chat meanwhile is served as usual.
        SimMessage otherAnswer = step(other, () -> telegram.userMessage(other, "/help"));
        assertThat(otherAnswer.text()).doesNotContain("слишком часто");

        assertThat(telegram.botMessages(flooder)).hasSize(before + 1);
        List<IntakeMessage> submitted = TopicReader.intakeOfTelegramChat(infra.bootstrapServers(), flooder);
        assertThat(submitted).as("submissions of the throttled chat").isEmpty();
    }
}
