package ru.getmark.support.whatsapp.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.AttachmentRef;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.kafka.TopicReader;
import ru.getmark.support.infra.twilio.Inbound;
import ru.getmark.support.infra.twilio.Media;
import ru.getmark.support.infra.twilio.SentMessage;
import ru.getmark.support.whatsapp.repository.OutboxRepository;
import ru.getmark.support.whatsapp.support.Customer;
import ru.getmark.support.whatsapp.support.FakeTwilioResource;
import ru.getmark.support.whatsapp.support.WhatsAppTest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * The guided dialogue over WhatsApp end to end: the fake Twilio API posts signed webhooks as the customer writes, the
 * service answers through the real Twilio SDK and REST API (numbered choices answered with a digit or the words),
 * and the request lands on the real getmark.intake.v1, schema-valid, acknowledged by Kafka.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "whatsapp"))
@WithTestResource(FakeTwilioResource.class)
class WhatsAppDialogueTest extends WhatsAppTest {

    /** From the first "Здравствуйте" to the attachments step; @return the last reply (the attachments prompt). */
    static String toAttachments(Customer c) {
        assertThat(c.saysAndReads("Здравствуйте")).contains("Оформить новое Обращение").contains("1. Новое обращение");
        assertThat(c.saysAndReads("1")).contains("Введите ИНН");
        assertThat(c.saysAndReads(INN)).contains("Укажите email").contains("1. Пропустить");
        assertThat(c.saysAndReads("anna@example.ru")).contains("Как к вам обращаться");
        assertThat(c.saysAndReads("ООО Ромашка")).contains("Выберите тип").contains("2. Ошибка ПО");
        assertThat(c.saysAndReads("2")).contains("Какого процесса").contains("2. Печать этикеток");
        assertThat(c.saysAndReads("2")).contains("Описание").contains("1. Оставить");
        assertThat(c.saysAndReads("Не печатается этикетка на складе")).contains("Как проблема влияет");
        String files = c.saysAndReads("1");
        assertThat(files).contains("Приложите").contains("1. Готово");
        return files;
    }

    @Test
    @DisplayName("R1, R3: the whole dialogue in WhatsApp publishes one schema-valid NEW_REQUEST with the WhatsApp "
            + "contact")
    void fullDialoguePublishesNewRequest() {
        Customer c = customer("Анна Иванова");
        toAttachments(c);
        assertThat(c.saysAndReads("готово")).contains("Проверьте Обращение").contains("1. Отправить");
        Inbound send = twilio.customerSends(c.phone(), "1", c.name());
        List<SentMessage> sent = c.answersTo(send);
        assertThat(sent).isNotEmpty();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(intakeOf(c)).hasSize(1));
        IntakeMessage m = intakeOf(c).get(0);
        assertThat(m.kind()).isEqualTo(IntakeMessage.Kind.NEW_REQUEST);
        assertThat(m.channel()).isEqualTo(Channel.WHATSAPP);
        assertThat(m.messageId()).isEqualTo("whatsapp:" + send.messageSid());
        assertThat(m.inn()).isEqualTo(INN);
        assertThat(m.type()).isEqualTo(TicketType.SOFTWARE_BUG);
        assertThat(m.process()).isNotBlank();
        assertThat(m.impact()).isEqualTo(Impact.STOPS_OPERATIONS);
        assertThat(m.text()).contains("Не печатается этикетка");
        assertThat(m.customer().whatsappId()).isEqualTo(c.waId());
        assertThat(m.customer().phone()).isEqualTo("+" + c.waId());
        assertThat(m.customer().email()).isEqualTo("anna@example.ru");
        assertThat(m.customer().name()).as("the name typed beats the profile name").isEqualTo("ООО Ромашка");
        assertThat(m.replyTo().channel()).isEqualTo(Channel.WHATSAPP);
        assertThat(m.replyTo().address()).isEqualTo(c.waId());

        // every answer went out through the REST API from GetMark's sender, asking for status callbacks, and the
        // callbacks were recorded: the last reply is delivered
        assertThat(c.received()).allSatisfy(r -> {
            assertThat(r.direction()).isEqualTo("outbound-api");
            assertThat(r.from()).isEqualTo("whatsapp:+79259509118");
            assertThat(r.statusCallback()).isEqualTo(FakeTwilioResource.PUBLIC_URL + "/twilio/status");
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                QuarkusTransaction.requiringNew().call(() -> outbox.bySource(send.messageSid())))
                .extracting(OutboxRepository.Row::twilioStatus).containsOnly("delivered"));
    }

    @Test
    @DisplayName("R5: the same webhook posted again (Twilio redelivery) makes no second publish and no second answer")
    void redeliveryIsHandledOnce() {
        Customer c = customer("Борис");
        toAttachments(c);
        c.saysAndReads("Готово");
        Inbound send = twilio.customerSends(c.phone(), "Отправить", c.name());
        c.answersTo(send);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(intakeOf(c)).hasSize(1));
        int answers = c.received().size();

        Inbound again = twilio.redeliver(send.messageSid());
        assertThat(again.status()).isEqualTo(200);
        Inbound hello = twilio.redeliver(twilio.inbound(c.phone()).get(0).messageSid());
        assertThat(hello.status()).isEqualTo(200);
        // a new message afterwards: once it is answered, the redeliveries would have been too
        List<SentMessage> help = c.says("/help");
        assertThat(help).hasSize(1);
        assertThat(c.received()).hasSize(answers + 1);
        assertThat(intakeOf(c)).hasSize(1);
    }

    @Test
    @DisplayName("R3: a document is fetched from Twilio with the account's credentials, kept by claim check and "
            + "downloadable by staff only")
    void mediaIsStoredAndDownloadableByStaff() {
        Customer c = customer("Вера");
        toAttachments(c);
        byte[] pdf = ("%PDF-1.4 накладная " + c.waId()).getBytes(StandardCharsets.UTF_8);
        List<SentMessage> stored = c.sendsMedia("накладная", new Media("application/pdf", "накладная.pdf", pdf));
        assertThat(stored.get(stored.size() - 1).body()).contains("Файлов: 1");
        c.saysAndReads("1");
        c.saysAndReads("1");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(intakeOf(c)).hasSize(1);
            assertThat(intakeOf(c).get(0).attachments()).hasSize(1);
        });
        AttachmentRef file = intakeOf(c).get(0).attachments().get(0);
        assertThat(file.contentType()).isEqualTo("application/pdf");
        assertThat(file.size()).isEqualTo(pdf.length);
        assertThat(file.url()).startsWith(FakeTwilioResource.PUBLIC_URL + "/api/attachments/");
        // fetched with the account's credentials, then the CDN link it redirected to
        assertThat(twilio.requests()).anyMatch(r -> r.path().contains("/Media/") && r.httpStatus() == 307);

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
    @DisplayName("R1: a file over the size limit is refused politely, kept on intake-rejected (too_large), and the "
            + "dialogue goes on")
    void mediaOverTheLimitIsRefused() {
        Customer c = customer("Глеб");
        toAttachments(c);
        byte[] big = new byte[21 * 1024 * 1024];
        Inbound in = twilio.customerSendsMedia(c.phone(), null, c.name(),
                List.of(new Media("application/zip", "логи.zip", big)));
        List<SentMessage> answer = c.answersTo(in);
        assertThat(answer.get(0).body()).contains("слишком большой");
        assertThat(answer.get(answer.size() - 1).body()).contains("Файлов пока нет");
        List<RejectedIntake> rejected = TopicReader.rejectedOf(infra.bootstrapServers(), "whatsapp:" + c.waId());
        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(RejectedIntake.Reason.TOO_LARGE);
            assertThat(r.channel()).isEqualTo(Channel.WHATSAPP);
            assertThat(r.messageId()).isEqualTo("whatsapp:" + in.messageSid());
        });
        c.saysAndReads("Готово");
        c.saysAndReads("Отправить");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(intakeOf(c)).singleElement()
                .satisfies(m -> assertThat(m.attachments()).isEmpty()));
    }

    @Test
    @DisplayName("R3: a location, a voice note, a sticker get the dialogue's helpful answers; the step is repeated")
    void unsupportedMessagesAreAnswered() {
        Customer c = customer("Дина");
        c.saysAndReads("Здравствуйте");
        c.saysAndReads("1");
        String location = c.sendsRaw(Map.of("MessageType", "location", "Latitude", "55.75", "Longitude", "37.61"))
                .stream().map(SentMessage::body).reduce("", (a, b) -> a + "\n" + b);
        assertThat(location).contains("Введите ИНН");
        String voice = c.sendsMedia(null, new Media("audio/ogg", "voice.ogg", new byte[]{1, 2, 3})).stream()
                .map(SentMessage::body).reduce("", (a, b) -> a + "\n" + b);
        assertThat(voice).contains("Введите ИНН");
        assertThat(location).isNotEqualTo(voice);
        assertThat(c.saysAndReads(INN)).contains("Укажите email");
    }
}
