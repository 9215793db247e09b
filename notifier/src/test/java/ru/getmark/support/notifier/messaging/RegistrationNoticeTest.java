package ru.getmark.support.notifier.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.Deadlines;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.common.mail.TicketThread;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.notifier.domain.DeliveryStatus;
import ru.getmark.support.notifier.domain.EmailAddresses;
import ru.getmark.support.notifier.domain.Medium;
import ru.getmark.support.notifier.domain.NoticeDelivery;
import ru.getmark.support.notifier.repository.NoticeDeliveryRepository;
import ru.getmark.support.notifier.support.DeadLetters;
import ru.getmark.support.notifier.support.PublishingTest;
import ru.getmark.support.notifier.support.Mailboxes;
import ru.getmark.support.notifier.support.Mailboxes.ReceivedMail;
import ru.getmark.support.notifier.support.TestEvents;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registration notice through the real path: a TicketEvent published to the real broker, consumed by the
 * notifier, sent over SMTP to GreenMail and read back over IMAP as the customer.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "notifier"),
        @ResourceArg(name = "mail", value = "true")})
class RegistrationNoticeTest extends PublishingTest {

    @Inject
    NoticeDeliveryRepository deliveries;

    @Test
    @DisplayName("R2/R20: the registration email arrives word for word, with № in the subject, UTF-8, text + HTML")
    void r2RegistrationEmailWordForWord() {
        String number = TestEvents.uniqueNumber();
        String email = TestEvents.uniqueEmail("r2");
        TicketEvent event = TestEvents.registered(number, "ООО «Рога & Копыта»", email);
        // A newer producer may add fields: the notifier must ignore them.
        ObjectNode json = TestEvents.tree(event);
        json.put("addedInV2", "ignored");
        ((ObjectNode) json.get("ticket")).put("slaPolicy", "gold");
        publisher.publish(event.key(), json);

        List<ReceivedMail> mails = awaitMail(email, 1);
        ReceivedMail mail = mails.get(0);

        assertThat(mail.text()).isEqualTo("""
                Уважаемый(ая) ООО «Рога & Копыта»!

                Ваше Обращение зарегистрировано за № %s.

                Дата/Время регистрации - 25.12.2026 17:00 (Мск).

                Ориентировочный срок исполнения обращения - 28.12.2026 15:30 (Мск).

                С уважением, Служба технической поддержки Компании «GetMark».

                Данное письмо сгенерировано автоматически, пожалуйста, не отвечайте на это письмо.
                """.formatted(number));
        assertThat(mail.subject()).isEqualTo("Регистрация Обращения № " + number).contains("№ " + number);
        assertThat(mail.from().getAddress()).isEqualTo("help@getmark.ru");
        assertThat(mail.from().getPersonal()).isEqualTo("Служба технической поддержки GetMark");
        assertThat(mail.to()).isEqualTo(email);
        // Threading (R4, R20): a stable id per notice with the number in it, answering the ticket's thread root.
        assertThat(mail.messageId())
                .isEqualTo("<notice.registration." + number + "." + event.eventId() + "@getmark.ru>");
        assertThat(mail.inReplyTo()).isEqualTo("<ticket." + number + "@getmark.ru>");
        assertThat(mail.references()).isEqualTo("<ticket." + number + "@getmark.ru>");
        assertThat(TicketThread.ticketNumbers(
                mail.messageId() + " " + mail.references(), "getmark.ru")).containsExactly(number);
        assertThat(mail.autoSubmitted()).isEqualTo("auto-generated");
        assertThat(mail.contentType()).startsWith("multipart/alternative");
        assertThat(mail.textContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(mail.htmlContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(mail.html())
                .contains("<p>Уважаемый(ая) ООО «Рога &amp; Копыта»!</p>")
                .contains("<p>Ваше Обращение зарегистрировано за № " + number + ".</p>")
                .contains("<p>Дата/Время регистрации - 25.12.2026 17:00 (Мск).</p>")
                .contains("<p>Ориентировочный срок исполнения обращения - 28.12.2026 15:30 (Мск).</p>")
                .contains("<p>С уважением, Служба технической поддержки Компании «GetMark».</p>")
                .contains("<p>Данное письмо сгенерировано автоматически, пожалуйста, не отвечайте на это письмо.</p>");

        // The mail server has it a moment before the worker's commit marks it sent.
        NoticeDelivery row = await().atMost(WAIT).until(
                () -> QuarkusTransaction.requiringNew().call(() -> deliveries.findByEvent(event.eventId())),
                rows -> rows.size() == 1 && rows.get(0).status == DeliveryStatus.SENT).get(0);
        assertThat(row.notice).isEqualTo("registration");
        assertThat(row.medium).isEqualTo(Medium.EMAIL);
        assertThat(row.status).isEqualTo(DeliveryStatus.SENT);
        assertThat(row.attempts).isEqualTo(1);
        assertThat(row.sentAt).isNotNull();
        assertThat(row.ticketNumber).isEqualTo(number);
        assertThat(row.noticeId).isEqualTo(mail.messageId());
        assertThat(row.recipientKey).isEqualTo(EmailAddresses.hash(email));
        // The original event, fields of a newer producer included, is kept for the DLQ.
        assertThat(Json.fromJson(row.eventJson, JsonNode.class).get("addedInV2").asText()).isEqualTo("ignored");
    }

    @Test
    @DisplayName("R2/R7: a Критический ticket has no deadline date; the notice says «в кратчайшие сроки»")
    void r2CriticalWithoutDeadline() {
        String number = TestEvents.uniqueNumber();
        String email = TestEvents.uniqueEmail("critical");
        publisher.publish(TestEvents.registered(number, "Иванов Иван Иванович", email, Priority.CRITICAL,
                new Deadlines(null, null, null)));

        ReceivedMail mail = awaitMail(email, 1).get(0);
        assertThat(mail.text()).isEqualTo("""
                Уважаемый(ая) Иванов Иван Иванович!

                Ваше Обращение зарегистрировано за № %s.

                Дата/Время регистрации - 25.12.2026 17:00 (Мск).

                Ориентировочный срок исполнения обращения - в кратчайшие сроки.

                С уважением, Служба технической поддержки Компании «GetMark».

                Данное письмо сгенерировано автоматически, пожалуйста, не отвечайте на это письмо.
                """.formatted(number));
    }

    @Test
    @DisplayName("R5/R20: the same event published twice sends one email")
    void r5SameEventTwiceOneEmail() {
        String number = TestEvents.uniqueNumber();
        String email = TestEvents.uniqueEmail("twice");
        TicketEvent event = TestEvents.registered(number, "ИП Петров", email);
        publisher.publish(event);
        publisher.publish(event);
        // Same key, same partition: once the marker's email is there, both copies have been handled.
        String marker = TestEvents.uniqueEmail("marker");
        publisher.publish(TestEvents.registered(number, "Маркер", marker));
        awaitMail(marker, 1);

        assertThat(Mailboxes.readOverImap(infra.mail().imapPort(), email)).hasSize(1);
        assertThat(Mailboxes.countWithMessageId(infra.mail().greenMail(),
                "<notice.registration." + number + "." + event.eventId() + "@getmark.ru>")).isEqualTo(1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> deliveries.countByEvent(event.eventId())))
                .isEqualTo(1);
        assertThat(metrics()).containsPattern(
                "getmark_notices_skipped_total\\{[^}]*notice=\"registration\"[^}]*reason=\"duplicate\"[^}]*} [1-9]");
    }

    @Test
    @DisplayName("R20: two events of two tickets send two emails, each with its own number and Message-ID")
    void twoTicketsTwoEmails() {
        String first = TestEvents.uniqueNumber();
        String second = TestEvents.uniqueNumber();
        String email = TestEvents.uniqueEmail("two");
        TicketEvent a = TestEvents.registered(first, "АО «Альфа»", email);
        TicketEvent b = TestEvents.registered(second, "АО «Альфа»", email);
        publisher.publish(a);
        publisher.publish(b);

        List<ReceivedMail> mails = awaitMail(email, 2);
        assertThat(mails).extracting(ReceivedMail::subject).containsExactlyInAnyOrder(
                "Регистрация Обращения № " + first, "Регистрация Обращения № " + second);
        assertThat(mails).extracting(ReceivedMail::messageId).containsExactlyInAnyOrder(
                "<notice.registration." + first + "." + a.eventId() + "@getmark.ru>",
                "<notice.registration." + second + "." + b.eventId() + "@getmark.ru>");
        assertThat(mails).extracting(ReceivedMail::inReplyTo).containsExactlyInAnyOrder(
                "<ticket." + first + "@getmark.ru>", "<ticket." + second + "@getmark.ru>");
    }

    @Test
    @DisplayName("An event without a notice, garbage and an unknown type send nothing; garbage lands on the DLQ,"
            + " the unknown type is skipped; the consumer keeps going")
    void noNoticeAndPoisonMessages() {
        String number = TestEvents.uniqueNumber();
        String email = TestEvents.uniqueEmail("poison");
        publisher.publish(TestEvents.event(TicketEventType.STATUS_CHANGED, number, "ООО «Бета»", email,
                Priority.MEDIUM, null));
        String garbage = "{this is not a ticket event " + number;
        publisher.publish(number, garbage);
        // A type this build does not know (a newer ticket-service) is read as "unknown", logged and skipped.
        TicketEvent teleported = TestEvents.registered(number, "ООО «Бета»", email);
        ObjectNode unknownType = TestEvents.tree(teleported);
        unknownType.put("type", "teleported");
        publisher.publish(number, unknownType);
        String marker = TestEvents.uniqueEmail("marker");
        publisher.publish(TestEvents.registered(number, "Маркер", marker));

        awaitMail(marker, 1);
        assertThat(Mailboxes.countTo(infra.mail().greenMail(), email)).isZero();

        await().atMost(WAIT).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> dead = DeadLetters.readAll(infra.bootstrapServers());
            assertThat(dead).filteredOn(r -> number.equals(r.key()))
                    .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .contains(garbage);
            ConsumerRecord<String, byte[]> poison = dead.stream()
                    .filter(r -> garbage.equals(new String(r.value(), StandardCharsets.UTF_8)))
                    .findFirst().orElseThrow();
            assertThat(DeadLetters.header(poison, "dead-letter-reason")).isNotBlank();
            assertThat(DeadLetters.header(poison, "dead-letter-topic")).isEqualTo("getmark.ticket-events.v1");
        });
        assertThat(DeadLetters.ofEvent(infra.bootstrapServers(), teleported.eventId())).isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> deliveries.countByEvent(teleported.eventId())))
                .isZero();
    }

    @Test
    @DisplayName("R20: a customer with neither email nor chat gets nothing, nothing is recorded, it is counted,"
            + " the consumer keeps going")
    void customerWithoutAnyContact() {
        String number = TestEvents.uniqueNumber();
        TicketEvent noEmail = TestEvents.withCustomer(TestEvents.registered(number, "Клиент по телефону", null),
                CustomerContact.of("Клиент по телефону", null, "+79250000000"));
        publisher.publish(noEmail);
        String marker = TestEvents.uniqueEmail("marker");
        publisher.publish(TestEvents.registered(number, "Маркер", marker));

        awaitMail(marker, 1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> deliveries.countByEvent(noEmail.eventId())))
                .isZero();
        assertThat(Arrays.stream(infra.mail().greenMail().getReceivedMessages())
                .filter(m -> Mailboxes.messageId(m).contains(noEmail.eventId()))).isEmpty();
        assertThat(metrics()).containsPattern(
                "getmark_notices_skipped_total\\{[^}]*notice=\"registration\"[^}]*reason=\"no_contact\"[^}]*} [1-9]");
    }

    @Test
    @DisplayName("Readiness checks Kafka and the database; /q/metrics counts sent notices by notice")
    void healthAndMetrics() {
        String email = TestEvents.uniqueEmail("metrics");
        publisher.publish(TestEvents.registered(TestEvents.uniqueNumber(), "ООО «Гамма»", email));
        awaitMail(email, 1);

        JsonNode health = Json.fromJson(given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("UP"))
                .extract().asString(), JsonNode.class);
        List<String> checks = health.get("checks").findValuesAsText("name");
        assertThat(checks).anyMatch(n -> n.toLowerCase().contains("kafka"));
        assertThat(checks).anyMatch(n -> n.toLowerCase().contains("database"));
        assertThat(metrics())
                .containsPattern("getmark_notices_sent_total\\{[^}]*channel=\"email\"[^}]*notice=\"registration\"[^}]*} [1-9]")
                .contains("getmark_notices_failed_total")
                .contains("getmark_notices_parked_total")
                .containsPattern("getmark_notices_pending [0-9]");
    }

    private List<ReceivedMail> awaitMail(String email, int count) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> Mailboxes.countTo(infra.mail().greenMail(), email) >= count
                        ? Mailboxes.readOverImap(infra.mail().imapPort(), email) : List.<ReceivedMail>of(),
                        mails -> mails.size() >= count);
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
