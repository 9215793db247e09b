package ru.getmark.support.infra.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.GetMyCommands;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.File;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Drives the fake Bot API with the real TelegramBots 9.6.0 client and long-polling application, so that what works
 * here works for intake-telegram.
 */
class FakeTelegramApiTest {

    private static final long USER = 424242L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeTelegramApi tg;
    private OkHttpTelegramClient client;
    private TelegramBotsLongPollingApplication polling;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        tg = FakeTelegramApi.start();
        client = new OkHttpTelegramClient(tg.token(), url());
    }

    @AfterEach
    void stop() throws Exception {
        if (polling != null) {
            polling.close();
        }
        tg.close();
    }

    private TelegramUrl url() {
        return new TelegramUrl("http", "127.0.0.1", tg.port(), false);
    }

    private List<Update> startPolling() throws Exception {
        List<Update> received = new CopyOnWriteArrayList<>();
        polling = new TelegramBotsLongPollingApplication();
        polling.registerBot(tg.token(), this::url, new DefaultGetUpdatesGenerator(), received::addAll);
        return received;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(tg.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode post(String path, Object body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tg.baseUrl() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static InlineKeyboardMarkup keyboard(String... textAndData) {
        InlineKeyboardRow row = new InlineKeyboardRow();
        for (int i = 0; i < textAndData.length; i += 2) {
            row.add(InlineKeyboardButton.builder().text(textAndData[i]).callbackData(textAndData[i + 1]).build());
        }
        return InlineKeyboardMarkup.builder().keyboardRow(row).build();
    }

    @Test
    @DisplayName("like Telegram, update ids never start again: a second fake continues above the first one's")
    void updateIdsNeverRepeatAcrossFakes() {
        long first;
        try (FakeTelegramApi one = FakeTelegramApi.start()) {
            first = one.userMessage(USER, "/start").updateId();
            assertThat(one.userMessage(USER, "ещё").updateId()).isEqualTo(first + 1);
        }
        try (FakeTelegramApi two = FakeTelegramApi.start()) {
            assertThat(two.userMessage(USER, "/start").updateId()).isGreaterThan(first + 1);
        }
    }

    @Test
    @DisplayName("getMe answers as @help_getmark_bot; a wrong token gets 401 Unauthorized")
    void getMeAndWrongToken() throws Exception {
        User me = client.execute(new GetMe());
        assertThat(me.getUserName()).isEqualTo(FakeTelegramApi.BOT_USERNAME);
        assertThat(me.getIsBot()).isTrue();

        OkHttpTelegramClient wrong = new OkHttpTelegramClient("1:wrong", url());
        assertThatThrownBy(() -> wrong.execute(new GetMe()))
                .isInstanceOfSatisfying(TelegramApiRequestException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(401);
                    assertThat(e.getApiResponse()).isEqualTo("Unauthorized");
                });
    }

    @Test
    @DisplayName("sendMessage with an inline keyboard shows up in the /sim listing, text and buttons")
    void sendMessageShowsInSimListing() throws Exception {
        tg.userMessage(USER, "/start");
        Message sent = client.execute(SendMessage.builder().chatId(USER).text("Выберите <b>тип</b> обращения")
                .parseMode("HTML").replyMarkup(keyboard("Ошибка ПО", "type:software_bug", "Консультация",
                        "type:consultation")).build());
        assertThat(sent.getMessageId()).isPositive();
        assertThat(sent.getText()).isEqualTo("Выберите тип обращения");
        assertThat(sent.getReplyMarkup().getKeyboard().get(0).get(1).getCallbackData()).isEqualTo("type:consultation");

        HttpResponse<String> listing = get("/sim/users/" + USER + "/messages");
        assertThat(listing.statusCode()).isEqualTo(200);
        JsonNode messages = JSON.readTree(listing.body());
        assertThat(messages).hasSize(1);
        JsonNode first = messages.get(0);
        assertThat(first.get("messageId").asInt()).isEqualTo(sent.getMessageId());
        assertThat(first.get("text").asText()).isEqualTo("Выберите тип обращения");
        assertThat(first.get("buttons").get(0).get(0).get("text").asText()).isEqualTo("Ошибка ПО");
        assertThat(first.get("buttons").get(0).get(0).get("callbackData").asText()).isEqualTo("type:software_bug");

        assertThat(tg.calls("sendMessage")).singleElement()
                .satisfies(c -> assertThat(c.params().get("reply_markup").get("inline_keyboard")).hasSize(1));
        // with all=true the user's own message is listed too, oldest first
        JsonNode all = JSON.readTree(get("/sim/users/" + USER + "/messages?all=true").body());
        assertThat(all).hasSize(2);
        assertThat(all.get(0).get("from").asText()).isEqualTo("user");
        assertThat(all.get(0).get("text").asText()).isEqualTo("/start");
    }

    @Test
    @DisplayName("a /sim user message reaches a TelegramBotsLongPollingApplication consumer; confirmed updates are dropped")
    void simMessageReachesLongPollingConsumer() throws Exception {
        List<Update> received = startPolling();
        JsonNode delivered = post("/sim/users/" + USER + "/messages", Map.of("text", "/start", "firstName", "Анна"));

        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        Update update = received.get(0);
        assertThat(update.getUpdateId()).isEqualTo(delivered.get("updateId").asInt());
        Message message = update.getMessage();
        assertThat(message.getMessageId()).isEqualTo(delivered.get("messageId").asInt());
        assertThat(message.getText()).isEqualTo("/start");
        assertThat(message.isCommand()).isTrue();
        assertThat(message.getChatId()).isEqualTo(USER);
        assertThat(message.getChat().isUserChat()).isTrue();
        assertThat(message.getFrom().getFirstName()).isEqualTo("Анна");

        tg.userMessage(USER, "второе");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        assertThat(received.get(1).getMessage().getText()).isEqualTo("второе");
        // the next getUpdates confirms both (offset = last + 1)
        await().atMost(Duration.ofSeconds(10)).until(() -> tg.pendingUpdateCount() == 0);
        assertThat(received).hasSize(2);
    }

    @Test
    @DisplayName("a callback press reaches the consumer and answerCallbackQuery is recorded (a second answer fails)")
    void callbackPressAndAnswer() throws Exception {
        tg.userMessage(USER, "/new");
        Message menu = client.execute(SendMessage.builder().chatId(USER).text("Тип?")
                .replyMarkup(keyboard("Ошибка ПО", "type:software_bug")).build());
        List<Update> received = startPolling();

        JsonNode pressed = post("/sim/users/" + USER + "/callbacks",
                Map.of("messageId", menu.getMessageId(), "data", "type:software_bug"));

        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(Update::hasCallbackQuery));
        var query = received.stream().filter(Update::hasCallbackQuery).findFirst().orElseThrow().getCallbackQuery();
        assertThat(query.getId()).isEqualTo(pressed.get("callbackQueryId").asText());
        assertThat(query.getData()).isEqualTo("type:software_bug");
        assertThat(query.getFrom().getId()).isEqualTo(USER);
        assertThat(((Message) query.getMessage()).getMessageId()).isEqualTo(menu.getMessageId());

        assertThat(client.execute(AnswerCallbackQuery.builder().callbackQueryId(query.getId()).text("Принято").build()))
                .isTrue();
        assertThat(tg.callbackAnswer(query.getId()).param("text")).isEqualTo("Принято");
        assertThat(JSON.readTree(get("/sim/callbacks/" + query.getId()).body()).get("text").asText())
                .isEqualTo("Принято");
        assertThatThrownBy(() -> client.execute(AnswerCallbackQuery.builder().callbackQueryId(query.getId()).build()))
                .isInstanceOfSatisfying(TelegramApiRequestException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(400));

        // a button that is not on the message cannot be pressed
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(tg.baseUrl() + "/sim/users/" + USER
                        + "/callbacks")).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"messageId\":" + menu.getMessageId() + ",\"data\":\"nope\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("editMessageText applies to the listing; identical edits and bad markup fail as on Telegram")
    void editsAndValidation() throws Exception {
        tg.userMessage(USER, "hi");
        Message m = client.execute(SendMessage.builder().chatId(USER).text("Шаг 1")
                .replyMarkup(keyboard("Да", "yes")).build());
        client.execute(EditMessageText.builder().chatId(USER).messageId(m.getMessageId()).text("Шаг 1 — принято")
                .build());
        SimMessage edited = tg.lastBotMessage(USER);
        assertThat(edited.text()).isEqualTo("Шаг 1 — принято");
        assertThat(edited.edited()).isTrue();
        assertThat(edited.buttons()).isEmpty();

        assertThatThrownBy(() -> client.execute(EditMessageText.builder().chatId(USER).messageId(m.getMessageId())
                .text("Шаг 1 — принято").build()))
                .isInstanceOfSatisfying(TelegramApiRequestException.class,
                        e -> assertThat(e.getApiResponse()).contains("message is not modified"));
        assertThatThrownBy(() -> client.execute(SendMessage.builder().chatId(USER).text("ИНН 7707083893.")
                .parseMode("MarkdownV2").build()))
                .isInstanceOfSatisfying(TelegramApiRequestException.class,
                        e -> assertThat(e.getApiResponse()).contains("can't parse entities"));
        assertThatThrownBy(() -> client.execute(SendMessage.builder().chatId(USER).text("a < b")
                .parseMode("HTML").build()))
                .isInstanceOfSatisfying(TelegramApiRequestException.class,
                        e -> assertThat(e.getApiResponse()).contains("can't parse entities"));
        assertThatThrownBy(() -> client.execute(SendMessage.builder().chatId(USER).text("x".repeat(4097)).build()))
                .isInstanceOfSatisfying(TelegramApiRequestException.class,
                        e -> assertThat(e.getApiResponse()).contains("message is too long"));
        assertThatThrownBy(() -> client.execute(SendMessage.builder().chatId(777L).text("привет").build()))
                .isInstanceOfSatisfying(TelegramApiRequestException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(403));
        assertThat(client.execute(SendMessage.builder().chatId(USER).text("*Заявка* №1\\.").parseMode("MarkdownV2")
                .build()).getText()).isEqualTo("Заявка №1.");
    }

    @Test
    @DisplayName("setMyCommands / getMyCommands keep the command menu")
    void commands() throws Exception {
        assertThat(client.execute(SetMyCommands.builder()
                .command(BotCommand.builder().command("start").description("Начать").build())
                .command(BotCommand.builder().command("new").description("Новое обращение").build()).build())).isTrue();
        assertThat(client.execute(new GetMyCommands())).extracting(BotCommand::getCommand).containsExactly("start", "new");
        assertThat(tg.myCommands()).containsExactly("start", "new");
    }

    @Test
    @DisplayName("a document uploaded by a user is reachable with getFile and the file download URL")
    void getFileAndDownload() throws Exception {
        byte[] content = "%PDF-1.4 скриншот ошибки".getBytes(StandardCharsets.UTF_8);
        List<Update> received = startPolling();
        JsonNode delivered = post("/sim/users/" + USER + "/documents", Map.of("fileName", "error.pdf",
                "mimeType", "application/pdf", "contentBase64", Base64.getEncoder().encodeToString(content),
                "caption", "вот ошибка"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
        Message message = received.get(0).getMessage();
        assertThat(message.getDocument().getFileName()).isEqualTo("error.pdf");
        assertThat(message.getDocument().getFileId()).isEqualTo(delivered.get("fileId").asText());
        assertThat(message.getCaption()).isEqualTo("вот ошибка");

        File file = client.execute(new GetFile(message.getDocument().getFileId()));
        assertThat(file.getFileSize()).isEqualTo(content.length);
        OkHttpClient ok = new OkHttpClient();
        try (Response response = ok.newCall(new Request.Builder()
                .url(tg.baseUrl() + "/file/bot" + tg.token() + "/" + file.getFilePath()).build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.body().bytes()).isEqualTo(content);
        }
        try (Response response = ok.newCall(new Request.Builder()
                .url(tg.baseUrl() + "/file/bot1:other/" + file.getFilePath()).build()).execute()) {
            assertThat(response.code()).isEqualTo(401);
        }

        // photos come in sizes; files over the Bot API's 20 MB download limit are refused by getFile
        Delivered photo = tg.userPhoto(USER, new byte[] {1, 2, 3}, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        assertThat(received.get(1).getMessage().getPhoto()).hasSize(2);
        assertThat(received.get(1).getMessage().getPhoto().get(1).getFileId()).isEqualTo(photo.fileId());
        Delivered big = tg.userDocument(USER, "big.zip", "application/zip", new byte[] {1}, null, 25_000_000L);
        assertThatThrownBy(() -> client.execute(new GetFile(big.fileId())))
                .isInstanceOfSatisfying(TelegramApiRequestException.class,
                        e -> assertThat(e.getApiResponse()).contains("file is too big"));
    }

    @Test
    @DisplayName("sendDocument (multipart) from the bot is stored and listed")
    void botSendsDocument() throws Exception {
        tg.userMessage(USER, "hi");
        Message sent = client.execute(SendDocument.builder().chatId(USER)
                .document(new InputFile(new ByteArrayInputStream("report".getBytes(StandardCharsets.UTF_8)), "r.txt"))
                .caption("Отчёт").build());
        assertThat(sent.getDocument().getFileName()).isEqualTo("r.txt");
        SimMessage listed = tg.lastBotMessage(USER);
        assertThat(listed.kind()).isEqualTo("document");
        assertThat(listed.text()).isEqualTo("Отчёт");
        assertThat(new String(tg.fileContent(listed.fileId()), StandardCharsets.UTF_8)).isEqualTo("report");
    }

    @Test
    @DisplayName("webhook mode: updates are POSTed with the secret header and retried until the bot answers 2xx")
    void webhookWithSecretAndRetry() throws Exception {
        ConcurrentLinkedQueue<String> secrets = new ConcurrentLinkedQueue<>();
        List<JsonNode> bodies = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        HttpServer bot = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        bot.createContext("/telegram/webhook", exchange -> {
            secrets.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Telegram-Bot-Api-Secret-Token")));
            bodies.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            int status = attempts.incrementAndGet() == 1 ? 500 : 200; // the first attempt fails
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        bot.start();
        try {
            tg.webhookRetryDelay(Duration.ofMillis(50));
            String webhook = "http://127.0.0.1:" + bot.getAddress().getPort() + "/telegram/webhook";
            assertThat(client.execute(SetWebhook.builder().url(webhook).secretToken("s3cr3t-token").build())).isTrue();
            assertThat(tg.webhookUrl()).isEqualTo(webhook);

            Delivered d = tg.userMessage(USER, "через вебхук");
            await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() >= 2 && tg.pendingUpdateCount() == 0);
            assertThat(secrets).containsOnly("s3cr3t-token");
            assertThat(bodies).allSatisfy(b -> assertThat(b.get("update_id").asLong()).isEqualTo(d.updateId()));
            assertThat(bodies.get(0).get("message").get("text").asText()).isEqualTo("через вебхук");
            assertThat(tg.webhookDeliveries()).extracting(WebhookDelivery::status).containsExactly(500, 200);

            // getUpdates is refused while a webhook is set
            assertThatThrownBy(() -> client.execute(GetUpdates.builder().build()))
                    .isInstanceOfSatisfying(TelegramApiRequestException.class,
                            e -> assertThat(e.getErrorCode()).isEqualTo(409));
            assertThat(client.execute(new DeleteWebhook())).isTrue();
            tg.userMessage(USER, "снова опрос");
            assertThat(client.execute(GetUpdates.builder().build())).singleElement()
                    .satisfies(u -> assertThat(u.getMessage().getText()).isEqualTo("снова опрос"));
            assertThat(attempts.get()).isEqualTo(2);
        } finally {
            bot.stop(0);
        }
    }

    @Test
    @DisplayName("429 Too Many Requests with parameters.retry_after for the next N sendMessage calls")
    void rateLimited() throws Exception {
        tg.userMessage(USER, "hi");
        tg.rateLimit("sendMessage", 2, 3);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> client.execute(SendMessage.builder().chatId(USER).text("flood").build()))
                    .isInstanceOfSatisfying(TelegramApiRequestException.class, e -> {
                        assertThat(e.getErrorCode()).isEqualTo(429);
                        assertThat(e.getParameters().getRetryAfter()).isEqualTo(3);
                    });
        }
        assertThat(client.execute(SendMessage.builder().chatId(USER).text("ok").build()).getText()).isEqualTo("ok");
        assertThat(tg.botMessages(USER)).extracting(SimMessage::text).containsExactly("ok");
        assertThat(tg.calls("sendMessage")).extracting(RecordedCall::status).containsExactly(429, 429, 200);
    }

    @Test
    @DisplayName("the same update delivered twice reaches the long-polling consumer twice with one update_id")
    void duplicateUpdate() throws Exception {
        List<Update> received = startPolling();
        JsonNode d = post("/sim/users/" + USER + "/messages", Map.of("text", "7707083893", "times", 2));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        assertThat(received).extracting(Update::getUpdateId).containsOnly(d.get("updateId").asInt());
        assertThat(received).extracting(u -> u.getMessage().getMessageId()).containsOnly(d.get("messageId").asInt());
    }

    @Test
    @DisplayName("stickers, voice, location, forwarded and edited messages parse in TelegramBots")
    void unexpectedInput() throws Exception {
        List<Update> received = startPolling();
        Delivered text = tg.userMessage(USER, "исходный");
        tg.userSticker(USER, "😀");
        tg.userVoice(USER, 4);
        tg.userLocation(USER, 55.75, 37.62);
        tg.userForward(USER, "пересланное", "Пётр");
        tg.userEdit(USER, text.messageId(), "исправленный");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 6);
        assertThat(received.get(1).getMessage().getSticker().getEmoji()).isEqualTo("😀");
        assertThat(received.get(2).getMessage().getVoice().getDuration()).isEqualTo(4);
        assertThat(received.get(3).getMessage().getLocation().getLatitude()).isEqualTo(55.75);
        assertThat(received.get(4).getMessage().getForwardOrigin()).isNotNull();
        assertThat(received.get(5).hasEditedMessage()).isTrue();
        assertThat(received.get(5).getEditedMessage().getText()).isEqualTo("исправленный");
        assertThat(received.get(5).getEditedMessage().getMessageId()).isEqualTo((int) text.messageId());
    }

    @Test
    @DisplayName("group chat posts (duty chat) are listed under /sim/chats/{chatId}/messages")
    void groupChat() throws Exception {
        long duty = -100123456789L;
        client.execute(SendMessage.builder().chatId(duty).text("#Пожар заявка 42").build());
        JsonNode listed = JSON.readTree(get("/sim/chats/" + duty + "/messages").body());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("text").asText()).isEqualTo("#Пожар заявка 42");
    }

    @Test
    @DisplayName("the simulator page is served at / and the state endpoint answers")
    void pageServed() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("text/html"));
        assertThat(page.body()).contains("<html").contains("/sim/users/").doesNotContain("http://", "https://");
        assertThat(JSON.readTree(get("/sim/state").body()).get("mode").asText()).isEqualTo("polling");
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("a second concurrent getUpdates terminates the first with 409, as with two bot instances")
    void concurrentPollingConflicts() throws Exception {
        var first = client.executeAsync(GetUpdates.builder().timeout(20).build());
        // each short poll terminates a long poll that is waiting; repeat until the first one has arrived and lost
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(client.execute(GetUpdates.builder().timeout(0).build())).isEmpty();
            assertThat(first).isCompletedExceptionally();
        });
        assertThatThrownBy(first::join).hasRootCauseInstanceOf(TelegramApiRequestException.class)
                .rootCause().hasMessageContaining("Error executing");
    }
}
