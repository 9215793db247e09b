package ru.getmark.support.email.imap;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.adapter.attachment.AttachmentRepository;
import ru.getmark.support.common.event.AttachmentRef;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.email.repository.AutoReply;
import ru.getmark.support.email.repository.AutoReplyRepository;
import ru.getmark.support.email.service.TicketProjection;
import ru.getmark.support.email.support.MailClient;
import ru.getmark.support.email.support.TicketEvents;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.infra.kafka.TopicReader;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mailbox end to end with the real servers: mail goes in through GreenMail's SMTP, intake-email reads it over
 * IMAP, and what became of it is read back from the real Kafka topics (checked against the JSON Schemas), the
 * support mailbox's flags, the sender's mailbox and the attachment URL.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "email"),
        @ResourceArg(name = "mail", value = "true")})
class MailboxIntakeTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String INN = "7707083893";

    @InjectInfra
    Infra infra;

    @Inject
    AttachmentRepository attachments;

    @Inject
    AutoReplyRepository replies;

    @Inject
    TicketProjection tickets;

    MailClient mail;

    @BeforeEach
    void setUp() {
        mail = new MailClient(infra.mail());
    }

    @Test
    @DisplayName("R1-R3: a request with an ИНН and a file becomes one intake message; the file is kept by claim check"
            + " and downloadable by staff only; the message is flagged (not \\Seen) only after Kafka has it")
    void r1NewRequestWithAttachment() throws Exception {
        String sender = unique("buh") + "@romashka.ru";
        String messageId = "<" + unique("req") + "@romashka.ru>";
        byte[] screenshot = "PNG-bytes-of-a-screenshot".getBytes(StandardCharsets.UTF_8);
        mail.deliver(sender, MailClient.withFile(messageId, sender, "Не печатается УПД, ИНН " + INN,
                "Здравствуйте! При печати УПД программа выдаёт ошибку. ИНН " + INN + ".",
                "скриншот.png", "image/png", screenshot));

        String id = "email:" + messageId.substring(1, messageId.length() - 1);
        TopicReader.Intake published = await().atMost(WAIT).until(
                () -> TopicReader.intake(infra.bootstrapServers(), id), l -> !l.isEmpty()).get(0);
        IntakeMessage message = published.message();
        assertThat(published.key()).isEqualTo(INN);
        assertThat(message.kind()).isEqualTo(IntakeMessage.Kind.NEW_REQUEST);
        assertThat(message.channel()).isEqualTo(Channel.EMAIL);
        assertThat(message.inn()).isEqualTo(INN);
        assertThat(message.customer().email()).isEqualTo(sender);
        assertThat(message.customer().name()).isNotBlank();
        assertThat(message.replyTo().channel()).isEqualTo(Channel.EMAIL);
        assertThat(message.replyTo().address()).isEqualTo(sender);
        assertThat(message.subject()).contains("Не печатается УПД");
        assertThat(message.text()).contains("При печати УПД программа выдаёт ошибку");
        assertThat(message.receivedAt()).isBefore(Instant.now().plusSeconds(1));
        assertThat(message.attachments()).hasSize(1);
        AttachmentRef ref = message.attachments().get(0);
        assertThat(ref.name()).isEqualTo("скриншот.png");
        assertThat(ref.contentType()).isEqualTo("image/png");
        assertThat(ref.size()).isEqualTo(screenshot.length);
        assertThat(ref.sha256()).isEqualTo(sha256(screenshot));
        assertThat(ref.url()).startsWith("https://email.getmark.test/api/attachments/");

        await().atMost(WAIT).untilAsserted(() -> assertThat(mail.support(messageId))
                .singleElement().satisfies(s -> {
                    assertThat(s.processed()).as("flagged processed").isTrue();
                    assertThat(s.seen()).as("\\Seen is left to people").isFalse();
                }));

        String path = ref.url().substring("https://email.getmark.test".length());
        byte[] downloaded = given().auth().preemptive().basic("operator", "operator")
                .when().get(path).then().statusCode(200)
                .header("Content-Type", "image/png")
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("attachment"))
                .header("X-Content-Type-Options", "nosniff")
                .extract().asByteArray();
        assertThat(downloaded).isEqualTo(screenshot);
        for (String staff : List.of("line2", "line3", "admin")) {
            given().auth().preemptive().basic(staff, staff).when().get(path).then().statusCode(200);
        }
        given().when().get(path).then().statusCode(401);
        given().auth().preemptive().basic("operator", "wrong").when().get(path).then().statusCode(401);
        given().auth().preemptive().basic("visitor", "visitor").when().get(path).then().statusCode(403);
        given().auth().preemptive().basic("operator", "operator")
                .when().get("/api/attachments/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().preemptive().basic("operator", "operator")
                .when().get("/api/attachments/not-a-uuid").then().statusCode(404);
        // The path exists (adapter-support's AttachmentDownloads through our subclass) for GET only.
        given().auth().preemptive().basic("operator", "operator").when().post(path).then().statusCode(405);
    }

    @Test
    @DisplayName("R5: a message read again (its flag removed) is published again with the same messageId and the"
            + " same attachment references; its file is stored once")
    void r5ReReadPublishesTheSameMessageId() throws Exception {
        String sender = unique("it") + "@romashka.ru";
        String messageId = "<" + unique("reread") + "@romashka.ru>";
        byte[] log = ("log " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        mail.deliver(sender, MailClient.withFile(messageId, sender, "Ошибка выгрузки", "ИНН " + INN
                + ". Выгрузка в ЧЗ падает, лог во вложении.", "app.log", "text/plain", log));
        String id = "email:" + messageId.substring(1, messageId.length() - 1);
        await().atMost(WAIT).until(() -> mail.processed(messageId));
        List<TopicReader.Intake> first = TopicReader.intake(infra.bootstrapServers(), id);
        assertThat(first).hasSize(1);

        mail.unflag(messageId);
        List<TopicReader.Intake> both = await().atMost(WAIT).until(
                () -> TopicReader.intake(infra.bootstrapServers(), id), l -> l.size() == 2);
        await().atMost(WAIT).until(() -> mail.processed(messageId));

        IntakeMessage again = both.get(1).message();
        assertThat(again.messageId()).isEqualTo(first.get(0).message().messageId());
        assertThat(again.attachments()).isEqualTo(first.get(0).message().attachments());
        assertThat(again.inn()).isEqualTo(INN);
        assertThat(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> attachments.contentCount(sha256(log)))).isEqualTo(1);
        assertThat(TopicReader.intake(infra.bootstrapServers(), id)).as("nothing more after the flag").hasSize(2);
    }

    @Test
    @DisplayName("R1: no ИНН → kept on the rejected topic (key = sender) and the sender gets the Russian auto-reply,"
            + " threaded and marked automatic, once — also when the message is read again")
    void r1MissingInnIsRejectedAndAnsweredOnce() {
        String sender = unique("manager") + "@vasilek.ru";
        String messageId = "<" + unique("noinn") + "@vasilek.ru>";
        mail.deliver(sender, MailClient.simple(messageId, sender, "Не работает выгрузка",
                "Добрый день! У нас не работает выгрузка кодов маркировки. Помогите, пожалуйста."));
        String id = "email:" + messageId.substring(1, messageId.length() - 1);

        TopicReader.Rejected rejected = await().atMost(WAIT).until(
                () -> TopicReader.rejected(infra.bootstrapServers(), id), l -> !l.isEmpty()).get(0);
        assertThat(rejected.key()).isEqualTo(sender);
        assertThat(rejected.rejection().reason()).isEqualTo(RejectedIntake.Reason.MISSING_INN);
        assertThat(rejected.rejection().senderId()).isEqualTo(sender);
        assertThat(rejected.rejection().payload()).contains("Не работает выгрузка");
        assertThat(TopicReader.intake(infra.bootstrapServers(), id)).isEmpty();

        MailClient.Received reply = await().atMost(WAIT).until(() -> mail.mailbox(sender), l -> !l.isEmpty()).get(0);
        assertThat(reply.from()).isEqualTo("help@getmark.ru");
        assertThat(reply.subject()).startsWith("Обращение не зарегистрировано");
        assertThat(reply.autoSubmitted()).isEqualTo("auto-replied");
        assertThat(reply.inReplyTo()).isEqualTo(messageId);
        assertThat(reply.references()).contains(messageId);
        assertThat(reply.text()).contains("ИНН");

        await().atMost(WAIT).until(() -> mail.processed(messageId));
        mail.unflag(messageId);
        await().atMost(WAIT).until(() -> TopicReader.rejected(infra.bootstrapServers(), id), l -> l.size() == 2);
        await().atMost(WAIT).until(() -> mail.processed(messageId));
        List<AutoReply> queued = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> replies.byMessage(id));
        assertThat(queued).singleElement().satisfies(r -> assertThat(r.status).isEqualTo(AutoReply.Status.SENT));
        assertThat(mail.mailbox(sender)).as("one auto-reply however often the message is read").hasSize(1);
    }

    @Test
    @DisplayName("Never a loop: an out-of-office reply is recorded (loop), never answered; our own mail is dropped")
    void automaticAndOwnMailAreNeverAnswered() {
        String sender = unique("away") + "@romashka.ru";
        String messageId = "<" + unique("ooo") + "@romashka.ru>";
        byte[] raw = ("From: " + sender + "\r\nTo: help@getmark.ru\r\nSubject: =?UTF-8?B?"
                + java.util.Base64.getEncoder().encodeToString("Автоответ: Не печатается УПД".getBytes(
                StandardCharsets.UTF_8)) + "?=\r\nMessage-ID: " + messageId
                + "\r\nAuto-Submitted: auto-replied\r\nX-Autoreply: yes\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Я в отпуске до 15 декабря. ИНН " + INN + "\r\n").getBytes(StandardCharsets.UTF_8);
        mail.deliver(sender, raw);
        String id = "email:" + messageId.substring(1, messageId.length() - 1);

        TopicReader.Rejected loop = await().atMost(WAIT).until(
                () -> TopicReader.rejected(infra.bootstrapServers(), id), l -> !l.isEmpty()).get(0);
        assertThat(loop.rejection().reason()).isEqualTo(RejectedIntake.Reason.LOOP);
        await().atMost(WAIT).until(() -> mail.processed(messageId));

        String ownId = "<" + unique("own") + "@getmark.ru>";
        mail.deliver("help@getmark.ru", MailClient.simple(ownId, "help@getmark.ru", "Регистрация Обращения № 1",
                "Уважаемый клиент! ИНН " + INN));
        await().atMost(WAIT).until(() -> mail.processed(ownId));
        String ownMessageId = "email:" + ownId.substring(1, ownId.length() - 1);
        assertThat(TopicReader.intake(infra.bootstrapServers(), ownMessageId)).isEmpty();
        assertThat(TopicReader.rejected(infra.bootstrapServers(), ownMessageId)).isEmpty();

        // Both are flagged, and replies are queued before the flag: none was queued, none went out.
        assertThat(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> replies.byMessage(id)))
                .isEmpty();
        assertThat(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> replies.byMessage(ownMessageId))).as("nothing sent to ourselves").isEmpty();
        assertThat(mail.mailbox(sender)).isEmpty();
    }

    @Test
    @DisplayName("R4: a reply with the ticket's № from the ticket's customer is a follow-up of that ticket (the"
            + " ticket known from getmark.ticket-events.v1), keyed by the ticket's ИНН")
    void r4FollowUpOfAKnownTicket() {
        String customer = unique("client") + "@romashka.ru";
        String number = Long.toString(900_000 + (System.nanoTime() % 90_000));
        try (TicketEvents events = new TicketEvents(infra.bootstrapServers())) {
            events.publish(TicketEvents.event(TicketEventType.REGISTERED, Instant.now(),
                    TicketEvents.ticket(number, customer, INN, TicketStatus.NEW)));
        }
        await().atMost(WAIT).until(() -> tickets.find(number).isPresent());

        String messageId = "<" + unique("reply") + "@romashka.ru>";
        mail.deliver(customer, MailClient.simple(messageId, customer, "Re: Регистрация Обращения № " + number,
                "Добавляю скриншот ошибки, проблема повторилась сегодня утром."));
        String id = "email:" + messageId.substring(1, messageId.length() - 1);
        TopicReader.Intake followUp = await().atMost(WAIT).until(
                () -> TopicReader.intake(infra.bootstrapServers(), id), l -> !l.isEmpty()).get(0);
        assertThat(followUp.message().kind()).isEqualTo(IntakeMessage.Kind.FOLLOW_UP);
        assertThat(followUp.message().ticketNumber()).isEqualTo(number);
        assertThat(followUp.message().inn()).isEqualTo(INN);
        assertThat(followUp.key()).isEqualTo(INN);
        assertThat(followUp.message().text()).contains("проблема повторилась");
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
