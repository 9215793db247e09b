package ru.getmark.support.local;

import io.restassured.http.ContentType;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The system test: the local stack exactly as {@code ./getmark up} runs it (real Kafka, PostgreSQL and mail server,
 * the six services as separate processes from their packaged apps), on free ports. A first-line operator logs a call
 * (R2, R3), the customer's registration email is read back over IMAP word for word (Appendix 1), the ticket is read
 * through the staff API; a customer emails help@getmark.ru with the ИНН, gets the registration notice and replies to
 * it, and the reply lands on the same ticket (R4); a Telegram user files a request through the fake Bot API's
 * simulator and gets the registration notice in the chat; a WhatsApp user does the same through the fake Twilio
 * API's simulator (signed webhooks to intake-whatsapp, answers through the Twilio REST API); the stack restarted on the
 * same data folder still has the ticket.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final ZoneId MSK = ZoneId.of("Europe/Moscow");
    private static final DateTimeFormatter MSK_FORMAT = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
    private static final Pattern NUMBER = Pattern.compile("№ (\\S+)");

    @TempDir
    static Path data;

    static LocalStack stack;
    static String customerEmail = "buh-" + UUID.randomUUID().toString().substring(0, 8) + "@romashka.example";
    static String ticketNumber;

    @BeforeAll
    static void startStack() {
        Path home = Path.of(System.getProperty("getmark.home", "../..")).toAbsolutePath().normalize();
        stack = LocalStack.start(LocalStack.Config.freePorts(home, data.resolve("data")));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            List<ProcessHandle> services = stack.serviceProcesses();
            stack.close();
            assertThat(services).noneMatch(ProcessHandle::isAlive);
        }
    }

    @Test
    @Order(1)
    void everyServiceIsHealthyWithMetrics() {
        for (ServiceSpec service : stack.config().services()) {
            given().get(stack.url(service.module()) + "/q/health/ready").then().statusCode(200);
            given().get(stack.url(service.module()) + "/q/metrics").then().statusCode(200);
        }
    }

    @Test
    @Order(2)
    void staffEndpointsAreClosed() {
        given().contentType(ContentType.JSON).body("{}").post(stack.url("intake-phone") + "/api/calls")
                .then().statusCode(401);
        given().get(stack.url("ticket-service") + "/api/tickets/1").then().statusCode(401);
        given().auth().preemptive().basic("operator", "wrong").get(stack.url("ticket-service") + "/api/tickets/1")
                .then().statusCode(401);
    }

    @Test
    @Order(3)
    void aLoggedCallBecomesATicketAndTheCustomerGetsTheRegistrationEmail() throws Exception {
        Instant before = Instant.now();
        String messageId = given().auth().preemptive().basic("operator", "operator")
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("""
                        {"inn": "7707083893", "customerName": "ООО «Ромашка»", "email": "%s",
                         "phone": "8 (925) 950-91-18", "type": "software_bug", "impact": "stops_operations",
                         "description": "При печати этикетки программа выдаёт ошибку 500"}
                        """.formatted(customerEmail))
                .post(stack.url("intake-phone") + "/api/calls")
                .then().statusCode(202).extract().path("messageId");
        assertThat(messageId).isNotBlank();

        Message mail = awaitMessages(customerEmail, 1).get(0);
        Matcher number = NUMBER.matcher(mail.getSubject());
        assertThat(number.find()).as("subject %s carries № <number>", mail.getSubject()).isTrue();
        ticketNumber = number.group(1);
        assertThat(mail.getFrom()[0].toString()).contains("help@getmark.ru");

        Object ticket = given().auth().preemptive().basic("operator", "operator")
                .get(stack.url("ticket-service") + "/api/tickets/" + ticketNumber)
                .then().statusCode(200).extract().as(Object.class);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> json = (java.util.Map<String, Object>) ticket;
        assertThat(json).containsEntry("number", ticketNumber)
                .containsEntry("status", "new")
                .containsEntry("type", "software_bug")
                .containsEntry("priority", "high")
                .containsEntry("channel", "phone")
                .containsEntry("inn", "7707083893");
        Instant registeredAt = Instant.parse((String) json.get("registeredAt"));
        Instant deadline = Instant.parse((String) json.get("deadline"));
        assertThat(registeredAt).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(deadline).isAfter(registeredAt);

        String expected = String.join("\n\n",
                "Уважаемый(ая) ООО «Ромашка»!",
                "Ваше Обращение зарегистрировано за № " + ticketNumber + ".",
                "Дата/Время регистрации - " + msk(registeredAt) + " (Мск).",
                "Ориентировочный срок исполнения обращения - " + msk(deadline) + " (Мск).",
                "С уважением, Служба технической поддержки Компании «GetMark».",
                "Данное письмо сгенерировано автоматически, пожалуйста, не отвечайте на это письмо.");
        assertThat(normalise(plainText(mail))).isEqualTo(expected);
    }

    @Test
    @Order(4)
    void anEmailWithTheInnBecomesATicketAndAReplyToItsNoticeFindsTheTicket() throws Exception {
        String sender = "mail-" + UUID.randomUUID().toString().substring(0, 8) + "@romashka.example";
        Session session = Session.getInstance(new Properties());
        MimeMessage request = new MimeMessage(session);
        request.setFrom(new InternetAddress(sender, "Иванова Мария", "UTF-8"));
        request.setRecipients(Message.RecipientType.TO, "help@getmark.ru");
        request.setSubject("Не печатаются этикетки, ИНН 7707083893", "UTF-8");
        request.setText("Здравствуйте!\n\nПосле обновления при печати этикеток программа выдаёт ошибку 500, "
                + "отгрузка остановлена.\n\nС уважением,\nМария", "UTF-8");
        Transport.send(withSmtp(request));

        Message notice = awaitMessages(sender, 1).get(0);
        Matcher number = NUMBER.matcher(notice.getSubject());
        assertThat(number.find()).as("subject %s carries № <number>", notice.getSubject()).isTrue();
        String emailTicket = number.group(1);
        assertThat(plainText(notice)).contains("Уважаемый(ая) Иванова Мария!")
                .contains("Ваше Обращение зарегистрировано за № " + emailTicket + ".");
        assertThat(notice.getHeader("References")[0]).contains("<ticket." + emailTicket + "@getmark.ru>");
        given().auth().preemptive().basic("operator", "operator")
                .get(stack.url("ticket-service") + "/api/tickets/" + emailTicket)
                .then().statusCode(200)
                .body("channel", org.hamcrest.Matchers.equalTo("email"))
                .body("inn", org.hamcrest.Matchers.equalTo("7707083893"));

        // R4: the customer answers the notice (no ИНН this time); the reply lands on the same ticket, quotes trimmed.
        MimeMessage reply = (MimeMessage) notice.reply(false);
        reply.setFrom(new InternetAddress(sender));
        reply.setText("Добавляю подробности: ошибка появляется только на принтере Zebra.\n\n"
                + "> Ваше Обращение зарегистрировано за № " + emailTicket + ".", "UTF-8");
        Transport.send(withSmtp(reply));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            List<String> followUps = given().auth().preemptive().basic("operator", "operator")
                    .get(stack.url("ticket-service") + "/api/tickets/" + emailTicket + "/history")
                    .then().statusCode(200).extract().path("events.findAll { it.type == 'follow_up_received' }.data.text");
            assertThat(followUps).singleElement().asString()
                    .contains("только на принтере Zebra")
                    .doesNotContain("зарегистрировано за №");
        });
    }

    @Test
    @Order(5)
    void aTelegramUserFilesARequestThroughTheSimulatorAndGetsTheRegistrationInTheChat() {
        long user = 700_000_000L + (System.nanoTime() % 100_000_000L);
        say(user, "/new");
        awaitBotSays(user, "Шаг 1 из 8");
        say(user, "7707083893");
        awaitBotSays(user, "Шаг 2 из 8");
        say(user, "tg-" + user + "@romashka.example");
        awaitBotSays(user, "Шаг 3 из 8");
        say(user, "ООО «Ромашка»");
        press(user, data -> data.startsWith("t:"), "Ошибка ПО");
        press(user, data -> data.equals("p:labels.print"), null);
        awaitBotSays(user, "Шаг 6 из 8");
        say(user, "После обновления не печатаются этикетки, принтер пишет ошибку 500");
        press(user, data -> data.startsWith("i:"), null);
        press(user, data -> data.equals("done"), null);
        press(user, data -> data.equals("send"), null);

        // R2 in the customer's own channel: ticket-service registers, the notifier publishes the notice on
        // getmark.channel-outbound.v1, the bot delivers it to the chat.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(botTexts(user)).anySatisfy(text -> assertThat(text)
                        .contains("Ваше Обращение зарегистрировано за №")));
    }

    @Test
    @Order(6)
    void aWhatsAppUserFilesARequestThroughTheSimulatorAndGetsTheRegistrationInTheChat() {
        String phone = "+7916" + String.format("%07d", System.nanoTime() % 10_000_000L);
        whatsapp(phone, "Здравствуйте", null);
        choose(phone, "Новое обращение");
        awaitWhatsAppSays(phone, "Шаг 1 из 8");
        whatsapp(phone, "7707083893", null);
        awaitWhatsAppSays(phone, "Шаг 2 из 8");
        whatsapp(phone, "wa-" + phone.substring(1) + "@romashka.example", null);
        awaitWhatsAppSays(phone, "Шаг 3 из 8");
        whatsapp(phone, "ООО «Ромашка»", null);
        awaitWhatsAppSays(phone, "Шаг 4 из 8");
        choose(phone, "Ошибка ПО");
        awaitWhatsAppSays(phone, "Шаг 5 из 8");
        choose(phone, "Печать этикеток");
        awaitWhatsAppSays(phone, "Шаг 6 из 8");
        whatsapp(phone, "После обновления не печатаются этикетки, принтер пишет ошибку 500", null);
        awaitWhatsAppSays(phone, "Шаг 7 из 8");
        choose(phone, null);
        awaitWhatsAppSays(phone, "Шаг 8 из 8");
        choose(phone, "Готово");
        choose(phone, "Отправить");

        // R2 in the customer's own channel: the notice comes back through getmark.channel-outbound.v1 and the Twilio
        // REST API, and the fake Twilio API delivered it to the number.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(whatsappMessages(phone)).anySatisfy(m -> {
                    assertThat(String.valueOf(m.get("body"))).contains("Ваше Обращение зарегистрировано за №");
                    assertThat(m.get("status")).isEqualTo("delivered");
                }));
    }

    @Test
    @Order(7)
    void aRestartOnTheSameDataFolderKeepsTheTicket() {
        assertThat(ticketNumber).as("the previous test registered a ticket").isNotNull();
        LocalStack.Config config = stack.config();
        stack.close();
        stack = LocalStack.start(config);
        given().auth().preemptive().basic("admin", "admin")
                .get(stack.url("ticket-service") + "/api/tickets/" + ticketNumber)
                .then().statusCode(200);
    }

    private static String whatsappSimulator() {
        return "http://127.0.0.1:" + stack.config().twilioApiPort() + "/sim/whatsapp/";
    }

    /** The WhatsApp user sends a text (or presses a quick reply, with its payload) through the fake Twilio API. */
    private static void whatsapp(String phone, String text, String buttonPayload) {
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("text", text);
        body.put("profileName", "Анна");
        if (buttonPayload != null) {
            body.put("buttonPayload", buttonPayload);
        }
        given().contentType(ContentType.JSON).body(body)
                .post(whatsappSimulator() + phone + "/messages").then().statusCode(200)
                .body("webhookStatus", org.hamcrest.Matchers.equalTo(200));
    }

    /** What the service sent to the number through the Twilio REST API, oldest first. */
    private static List<java.util.Map<String, Object>> whatsappMessages(String phone) {
        return given().get(whatsappSimulator() + phone + "/messages").then().statusCode(200).extract().path("");
    }

    private static void awaitWhatsAppSays(String phone, String fragment) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<java.util.Map<String, Object>> messages = whatsappMessages(phone);
            assertThat(messages).isNotEmpty();
            assertThat(String.valueOf(messages.get(messages.size() - 1).get("body")).toLowerCase())
                    .contains(fragment.toLowerCase());
        });
    }

    /**
     * Answers the service's latest choice the way a WhatsApp user does: presses the quick-reply button whose title
     * contains {@code label} (a template message), or types the number of the numbered line that contains it (the
     * first choice when {@code label} is null).
     */
    @SuppressWarnings("unchecked")
    private static void choose(String phone, String label) {
        AtomicReference<String[]> answer = new AtomicReference<>();
        Pattern numbered = Pattern.compile("(?m)^\\s*(\\d+)\\.\\s+(.+)$");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<java.util.Map<String, Object>> messages = whatsappMessages(phone);
            assertThat(messages).isNotEmpty();
            java.util.Map<String, Object> last = messages.get(messages.size() - 1);
            List<String> titles = (List<String>) last.getOrDefault("buttons", List.of());
            List<String> payloads = (List<String>) last.getOrDefault("buttonPayloads", List.of());
            for (int i = 0; i < titles.size(); i++) {
                if (label == null || titles.get(i).contains(label)) {
                    answer.set(new String[] {titles.get(i), payloads.get(i)});
                    return;
                }
            }
            Matcher line = numbered.matcher(String.valueOf(last.get("body")));
            while (line.find()) {
                if (label == null || line.group(2).contains(label)) {
                    answer.set(new String[] {line.group(1), null});
                    return;
                }
            }
            throw new AssertionError("no choice \"" + label + "\" in the latest message " + last);
        });
        whatsapp(phone, answer.get()[0], answer.get()[1]);
    }

    private static String simulator() {
        return "http://127.0.0.1:" + stack.config().telegramApiPort() + "/sim/users/";
    }

    /** The user types a text in their chat with the bot (the fake Bot API's simulator). */
    private static void say(long user, String text) {
        given().contentType(ContentType.JSON).body(java.util.Map.of("text", text))
                .post(simulator() + user + "/messages").then().statusCode(200);
    }

    private static List<String> botTexts(long user) {
        return given().get(simulator() + user + "/messages").then().statusCode(200).extract().path("text");
    }

    /** Waits for the bot's latest message to mention {@code fragment} (case-insensitive): the dialogue's step titles. */
    private static void awaitBotSays(long user, String fragment) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<String> texts = botTexts(user);
            assertThat(texts).isNotEmpty();
            assertThat(texts.get(texts.size() - 1).toLowerCase()).contains(fragment.toLowerCase());
        });
    }

    /**
     * Presses, on the bot's latest message that has one, the button whose callback data matches (and whose label
     * contains {@code label}, when given).
     */
    private static void press(long user, java.util.function.Predicate<String> data, String label) {
        AtomicReference<java.util.Map<String, Object>> target = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<java.util.Map<String, Object>> messages = given().get(simulator() + user + "/messages")
                    .then().statusCode(200).extract().path("");
            java.util.Map<String, Object> last = messages.get(messages.size() - 1);
            @SuppressWarnings("unchecked")
            List<List<java.util.Map<String, Object>>> rows = (List<List<java.util.Map<String, Object>>>) last.get("buttons");
            java.util.Map<String, Object> button = rows == null ? null : rows.stream().flatMap(List::stream)
                    .filter(b -> b.get("callbackData") != null && data.test((String) b.get("callbackData")))
                    .filter(b -> label == null || String.valueOf(b.get("text")).contains(label))
                    .findFirst().orElse(null);
            assertThat(button).as("a matching button on the bot's latest message %s", last).isNotNull();
            target.set(java.util.Map.of("messageId", last.get("messageId"), "data", button.get("callbackData")));
        });
        given().contentType(ContentType.JSON).body(target.get())
                .post(simulator() + user + "/callbacks").then().statusCode(200);
    }

    /** Waits until the mailbox holds exactly {@code count} messages and returns copies of them. */
    private static List<Message> awaitMessages(String address, int count) {
        AtomicReference<List<Message>> received = new AtomicReference<>();
        Session session = Session.getInstance(new Properties());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            try (Store store = session.getStore("imap")) {
                store.connect("127.0.0.1", stack.config().imapPort(), address, address);
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                Message[] messages = inbox.getMessages();
                assertThat(messages).hasSize(count);
                List<Message> copies = new java.util.ArrayList<>();
                for (Message message : messages) {
                    copies.add(new MimeMessage((MimeMessage) message));
                }
                received.set(copies);
                inbox.close(false);
            }
        });
        return received.get();
    }

    /** Points a message's session at the stack's SMTP port. */
    private static MimeMessage withSmtp(MimeMessage message) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(stack.config().smtpPort()));
        MimeMessage copy = new MimeMessage(Session.getInstance(props), toStream(message));
        return copy;
    }

    private static java.io.InputStream toStream(MimeMessage message) throws Exception {
        message.saveChanges();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        message.writeTo(out);
        return new java.io.ByteArrayInputStream(out.toByteArray());
    }

    private static String msk(Instant instant) {
        return LocalDateTime.ofInstant(instant, MSK).format(MSK_FORMAT);
    }

    private static String plainText(Message message) throws Exception {
        Object content = message.getContent();
        if (content instanceof String text) {
            return text;
        }
        MimeMultipart multipart = (MimeMultipart) content;
        for (int i = 0; i < multipart.getCount(); i++) {
            if (multipart.getBodyPart(i).isMimeType("text/plain")) {
                return (String) multipart.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no text/plain part in " + message.getContentType());
    }

    private static String normalise(String text) {
        return text.replace("\r\n", "\n").strip();
    }
}
