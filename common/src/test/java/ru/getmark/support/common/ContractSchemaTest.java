package ru.getmark.support.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.AttachmentRef;
import ru.getmark.support.common.event.BugReport;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.ChannelAction;
import ru.getmark.support.common.event.ChannelNotice;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.Deadlines;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.MassProblem;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.event.ReplyAddress;
import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventData;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketSnapshot;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.common.kafka.IntakeMessageDeserializer;
import ru.getmark.support.common.kafka.JsonSerializer;
import ru.getmark.support.common.kafka.TicketEventDeserializer;
import ru.getmark.support.common.schema.ContractSchemas;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON of every topic is a public contract: real serialised events must validate against the schemas kept in
 * {@code common/src/main/resources/schemas}, and the schemas must refuse what breaks the contract.
 */
class ContractSchemaTest {

    static final Instant T = Instant.parse("2026-12-25T14:00:00Z");
    static final CustomerContact CUSTOMER = CustomerContact.of("ООО «Ромашка»", "buh@romashka.ru", "+79259509118");

    static IntakeMessage phoneCall() {
        return IntakeMessage.newRequest("phone:key-1", Channel.PHONE, T, "7707083893", CUSTOMER,
                TicketType.SOFTWARE_BUG, "labels.print", "Не печатается этикетка",
                "При печати этикетки ошибка 500", Impact.STOPS_OPERATIONS,
                List.of(new AttachmentRef("screen.png", "image/png", 1024, "a".repeat(64),
                        "http://localhost:8081/api/attachments/1")),
                new ReplyAddress(Channel.EMAIL, "buh@romashka.ru"));
    }

    static TicketEvent registered() {
        TicketSnapshot snapshot = new TicketSnapshot("1001", TicketStatus.NEW, TicketType.SOFTWARE_BUG, Priority.HIGH,
                SupportLine.FIRST, "7707083893", CUSTOMER, Channel.PHONE, T,
                new Deadlines(T.plusSeconds(3600 * 24), T.plusSeconds(3600 * 4), T.plusSeconds(3600 * 8)),
                "Не печатается этикетка");
        return TicketEvent.registered(T, snapshot);
    }

    static List<String> validate(String file, JsonNode json) {
        return ContractSchemas.violations(file, json);
    }

    @Test
    void intakeMessageMatchesItsSchema() throws Exception {
        JsonNode json = Json.MAPPER.readTree(new JsonSerializer().serialize("t", phoneCall()));
        assertThat(validate("intake-message.v1.schema.json", json)).isEmpty();
        assertThat(json.get("schema").asText()).isEqualTo("getmark.intake.v1");
        assertThat(json.get("channel").asText()).isEqualTo("phone");
        assertThat(json.get("type").asText()).isEqualTo("software_bug");
        assertThat(json.get("receivedAt").asText()).isEqualTo("2026-12-25T14:00:00Z");
    }

    @Test
    void followUpWithoutInnMatchesItsSchemaButANewRequestWithoutInnDoesNot() {
        IntakeMessage followUp = new IntakeMessage(null, "email:<a@b>", IntakeMessage.Kind.FOLLOW_UP, Channel.EMAIL, T,
                null, CUSTOMER, "1001", null, null, "Re: № 1001", "Добавляю скриншот", null, null, null);
        assertThat(validate("intake-message.v1.schema.json", Json.MAPPER.valueToTree(followUp))).isEmpty();
        assertThat(followUp.key()).isEqualTo("1001");

        ObjectNode noInn = Json.MAPPER.valueToTree(phoneCall());
        noInn.remove("inn");
        assertThat(validate("intake-message.v1.schema.json", noInn)).isNotEmpty();
    }

    @Test
    void intakeSchemaRefusesBrokenMessages() {
        ObjectNode badInn = Json.MAPPER.valueToTree(phoneCall());
        badInn.put("inn", "77070838");
        assertThat(validate("intake-message.v1.schema.json", badInn)).isNotEmpty();

        ObjectNode unknownChannel = Json.MAPPER.valueToTree(phoneCall());
        unknownChannel.put("channel", "fax");
        assertThat(validate("intake-message.v1.schema.json", unknownChannel)).isNotEmpty();

        ObjectNode badTime = Json.MAPPER.valueToTree(phoneCall());
        badTime.put("receivedAt", "25.12.2026 17:00");
        assertThat(validate("intake-message.v1.schema.json", badTime)).isNotEmpty();
    }

    @Test
    void ticketEventMatchesItsSchema() throws Exception {
        TicketEvent event = registered();
        JsonNode json = Json.MAPPER.readTree(new JsonSerializer().serialize("t", event));
        assertThat(validate("ticket-event.v1.schema.json", json)).isEmpty();
        assertThat(json.get("type").asText()).isEqualTo("registered");
        assertThat(json.at("/ticket/status").asText()).isEqualTo("new");
        assertThat(json.at("/data/actor").asText()).isEqualTo("system");
        assertThat(event.key()).isEqualTo("1001");
    }

    @Test
    void everyEventTypeAndStatusIsInTheSchema() {
        for (TicketEventType type : TicketEventType.values()) {
            if (type == TicketEventType.UNKNOWN) {
                continue;
            }
            for (TicketStatus status : TicketStatus.values()) {
                TicketEvent base = registered();
                TicketSnapshot s = base.ticket();
                TicketEvent event = TicketEvent.of(type, T, new TicketSnapshot(s.number(), status, null,
                        Priority.CRITICAL, SupportLine.THIRD, s.inn(), s.customer(), s.channel(), s.registeredAt(),
                        new Deadlines(null, null, null), s.subject()),
                        new TicketEventData("line2", TicketStatus.NEW, "Какая версия?", "Обновите", "Причина",
                                T, "http://localhost:8080/c/abc", "satisfactory", "Спасибо", SupportLine.SECOND,
                                TicketType.CONSULTATION, Priority.MEDIUM, "developer: Иванов", "first_line", "1000",
                                "Ответ клиента", new BugReport("Не печатается этикетка на принтере", "Ошибка 500",
                                "ООО «Ромашка», № 1001", "УПД 15", "Печать", "Ошибка", "1. Открыть", List.of())));
                assertThat(validate("ticket-event.v1.schema.json", Json.MAPPER.valueToTree(event)))
                        .as("%s / %s", type, status).isEmpty();
            }
        }
    }

    @Test
    void ticketEventSchemaRefusesAMissingSnapshot() {
        ObjectNode json = Json.MAPPER.valueToTree(registered());
        json.remove("ticket");
        assertThat(validate("ticket-event.v1.schema.json", json)).isNotEmpty();
        ObjectNode wrongType = Json.MAPPER.valueToTree(registered());
        wrongType.put("type", "teleported");
        assertThat(validate("ticket-event.v1.schema.json", wrongType)).isNotEmpty();
    }

    @Test
    void rejectedIntakeMatchesItsSchema() {
        RejectedIntake rejected = new RejectedIntake(null, "phone:x", Channel.PHONE, "operator", T,
                RejectedIntake.Reason.INVALID_INN, "Неверная контрольная цифра ИНН", "{\"inn\":\"7707083894\"}");
        assertThat(validate("intake-rejected.v1.schema.json", Json.MAPPER.valueToTree(rejected))).isEmpty();
        assertThat(Json.MAPPER.valueToTree(rejected).get("reason").asText()).isEqualTo("invalid_inn");
    }

    @Test
    void roundTripsThroughTheKafkaSerde() {
        byte[] intake = new JsonSerializer().serialize("t", phoneCall());
        assertThat(new IntakeMessageDeserializer().deserialize("t", intake)).isEqualTo(phoneCall());
        TicketEvent event = registered();
        byte[] bytes = new JsonSerializer().serialize("t", event);
        assertThat(new TicketEventDeserializer().deserialize("t", bytes)).isEqualTo(event);
    }

    @Test
    void olderConsumersReadAnEventTypeTheyDoNotKnowAsUnknown() {
        ObjectNode json = Json.MAPPER.valueToTree(registered());
        json.put("type", "ticket_teleported");
        assertThat(new TicketEventDeserializer().deserialize("t", json.toString().getBytes()).type())
                .isEqualTo(TicketEventType.UNKNOWN);
    }

    @Test
    void olderConsumersIgnoreFieldsTheyDoNotKnow() {
        ObjectNode json = Json.MAPPER.valueToTree(registered());
        json.put("addedInV2", "whatever");
        TicketEvent read = Json.fromJson(json.toString(), TicketEvent.class);
        assertThat(read.eventId()).isEqualTo(json.get("eventId").asText());
    }

    @Test
    void massProblemEventMatchesItsSchema() {
        MassProblem problem = new MassProblem(7, "Не печатаются этикетки после обновления", "1001", T, 5,
                null, null);
        TicketEventData data = new TicketEventData("system", null, null, null, null, null, null, null, null, null,
                null, null, null, null, "1001", null, null, problem);
        TicketEvent declared = TicketEvent.of(TicketEventType.MASS_PROBLEM_DECLARED, T, registered().ticket(), data);
        JsonNode json = Json.MAPPER.valueToTree(declared);
        assertThat(validate("ticket-event.v1.schema.json", json)).isEmpty();
        assertThat(json.at("/data/massProblem/ticketCount").asInt()).isEqualTo(5);
        assertThat(new TicketEventDeserializer().deserialize("t", new JsonSerializer().serialize("t", declared)))
                .isEqualTo(declared);

        ObjectNode broken = json.deepCopy();
        ((ObjectNode) broken.at("/data/massProblem")).remove("title");
        assertThat(validate("ticket-event.v1.schema.json", broken)).isNotEmpty();
    }

    @Test
    void channelNoticeMatchesItsSchemaAndIsKeyedByItsChat() {
        ChannelNotice notice = new ChannelNotice(null, "solution.e-1.telegram", "e-1", "1001", "solution",
                ChannelNotice.Audience.CUSTOMER, Channel.TELEGRAM, "123456789", "Решение по Обращению № 1001 ...",
                List.of(ChannelAction.of(ChannelAction.CONFIRM_SOLUTION, "Проблема решена"),
                        ChannelAction.link("Открыть страницу подтверждения", "http://localhost:8080/confirm/abc")),
                T);
        JsonNode json = Json.MAPPER.valueToTree(notice);
        assertThat(validate("channel-notice.v1.schema.json", json)).isEmpty();
        assertThat(json.get("schema").asText()).isEqualTo("getmark.channel-outbound.v1");
        assertThat(json.get("audience").asText()).isEqualTo("customer");
        assertThat(notice.key()).isEqualTo("telegram:123456789");
        assertThat(Json.fromJson(json.toString(), ChannelNotice.class)).isEqualTo(notice);

        ObjectNode email = json.deepCopy();
        email.put("channel", "email");
        assertThat(validate("channel-notice.v1.schema.json", email)).isNotEmpty();
        ObjectNode noText = json.deepCopy();
        noText.remove("text");
        assertThat(validate("channel-notice.v1.schema.json", noText)).isNotEmpty();
    }

    @Test
    void aBounceAndANewRequestReferringToAnotherTicketMatchTheSchema() {
        IntakeMessage bounce = new IntakeMessage(null, "email:<dsn-1@mx.example>", IntakeMessage.Kind.DELIVERY_FAILURE,
                Channel.EMAIL, T, null, CustomerContact.of("Mail Delivery System", null, null), "1001", null, null,
                "Undelivered Mail Returned to Sender", "550 5.1.1 <buh@romashka.example>: user unknown", null, null,
                null, null);
        JsonNode json = Json.MAPPER.valueToTree(bounce);
        assertThat(validate("intake-message.v1.schema.json", json)).isEmpty();
        assertThat(json.get("kind").asText()).isEqualTo("delivery_failure");
        ObjectNode noTicket = json.deepCopy();
        noTicket.remove("ticketNumber");
        assertThat(validate("intake-message.v1.schema.json", noTicket)).as("a bounce names its ticket").isNotEmpty();

        IntakeMessage referring = new IntakeMessage(null, "email:<x@y>", IntakeMessage.Kind.NEW_REQUEST, Channel.EMAIL,
                T, "7707083893", CUSTOMER, null, null, null, "Re: № 1001", "У нас та же ошибка", null, null, null,
                "1001");
        JsonNode referringJson = Json.MAPPER.valueToTree(referring);
        assertThat(validate("intake-message.v1.schema.json", referringJson)).isEmpty();
        assertThat(new IntakeMessageDeserializer().deserialize("t", new JsonSerializer().serialize("t", referring))
                .relatedTicket()).isEqualTo("1001");
    }
}
