package ru.getmark.support.phone.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.event.ReplyAddress;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.common.inn.Inn;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.common.schema.ContractSchemas;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.phone.domain.MessageIds;
import ru.getmark.support.phone.support.FixedClock;
import ru.getmark.support.phone.support.TopicReader;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.equalToIgnoringCase;
import static org.hamcrest.Matchers.startsWith;
import static ru.getmark.support.phone.rest.CallRequests.INN;
import static ru.getmark.support.phone.rest.CallRequests.json;
import static ru.getmark.support.phone.rest.CallRequests.valid;
import static ru.getmark.support.phone.rest.CallRequests.with;
import static ru.getmark.support.phone.rest.CallRequests.without;

@QuarkusTest
@WithTestResource(InfraTestResource.class)
class CallResourceTest {

    static final String PATH = "/api/calls";

    @InjectInfra
    Infra infra;

    static RequestSpecification as(String login) {
        return given().auth().preemptive().basic(login, login)
                .contentType(ContentType.JSON)
                .log().ifValidationFails();
    }

    static String newKey() {
        return UUID.randomUUID().toString();
    }

    List<ConsumerRecord<String, String>> intakeRecords(String messageId) {
        return TopicReader.readAll(infra.bootstrapServers(), Topics.INTAKE).stream()
                .filter(r -> Json.fromJson(r.value(), IntakeMessage.class).messageId().equals(messageId))
                .toList();
    }

    List<ConsumerRecord<String, String>> rejectedRecords(String messageId) {
        return TopicReader.readAll(infra.bootstrapServers(), Topics.INTAKE_REJECTED).stream()
                .filter(r -> Json.fromJson(r.value(), RejectedIntake.class).messageId().equals(messageId))
                .toList();
    }

    // ---------------------------------------------------------------- accepted calls

    @Test
    @DisplayName("R1/R3: a valid call → 202 after Kafka acknowledged; exactly that IntakeMessage is on getmark.intake.v1, key = ИНН")
    void validCallIsPublished() {
        String key = newKey();
        String messageId = as("operator").header("Idempotency-Key", key)
                .body(json(valid()))
                .when().post(PATH)
                .then().statusCode(202)
                .contentType(ContentType.JSON)
                .body("status", equalTo("accepted"))
                .extract().path("messageId");

        assertThat(messageId).isEqualTo(MessageIds.forIdempotencyKey("operator", key));
        // The 202 came after Kafka's acknowledgement, so the record is there now: no waiting.
        List<ConsumerRecord<String, String>> records = intakeRecords(messageId);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        assertThat(record.key()).isEqualTo(INN);
        assertThat(ContractSchemas.violations(ContractSchemas.INTAKE_MESSAGE, record.value().getBytes(UTF_8)))
                .as("the published message obeys intake-message.v1.schema.json").isEmpty();
        assertThat(Json.fromJson(record.value(), IntakeMessage.class)).isEqualTo(IntakeMessage.newRequest(
                messageId, Channel.PHONE, FixedClock.NOW, INN,
                CustomerContact.of("ООО «Ромашка», Иванов Иван Петрович", "ivanov@romashka.ru", "+79259509118"),
                TicketType.SOFTWARE_BUG, "Отгрузка",
                "При отправке УПД через ЭДО ошибка «Неверная подпись», отгрузка стоит.",
                "При отправке УПД через ЭДО ошибка «Неверная подпись», отгрузка стоит.",
                Impact.STOPS_OPERATIONS, List.of(), new ReplyAddress(Channel.EMAIL, "ivanov@romashka.ru")));
        assertThat(record.value()).contains("\"schema\":\"getmark.intake.v1\"", "\"kind\":\"new_request\"",
                "\"channel\":\"phone\"", "\"type\":\"software_bug\"", "\"impact\":\"stops_operations\"");
    }

    @Test
    void givenSubjectAndOptionalFieldsLeftOut() {
        Map<String, Object> body = valid();
        body.remove("type");
        body.remove("impact");
        body.remove("process");
        body.put("subject", "Ошибка подписи УПД");
        String messageId = as("operator").body(json(body))
                .when().post(PATH)
                .then().statusCode(202)
                .extract().path("messageId");

        IntakeMessage message = Json.fromJson(intakeRecords(messageId).get(0).value(), IntakeMessage.class);
        assertThat(message.subject()).isEqualTo("Ошибка подписи УПД");
        assertThat(message.type()).isNull();
        assertThat(message.impact()).isNull();
        assertThat(message.process()).isNull();
    }

    @Test
    void withoutAnIdempotencyKeyEveryCallIsNew() {
        String first = as("operator").body(json(valid())).when().post(PATH)
                .then().statusCode(202).extract().path("messageId");
        String second = as("operator").body(json(valid())).when().post(PATH)
                .then().statusCode(202).extract().path("messageId");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    @DisplayName("R5: the same Idempotency-Key twice → the same messageId, and one message on the topic")
    void retryWithTheSameKeyGivesTheSameMessageId() {
        String key = newKey();
        String first = as("operator").header("Idempotency-Key", key).body(json(valid()))
                .when().post(PATH).then().statusCode(202).extract().path("messageId");
        String second = as("operator").header("Idempotency-Key", key).body(json(valid()))
                .when().post(PATH).then().statusCode(202)
                .body("status", equalTo("accepted"))
                .extract().path("messageId");

        assertThat(second).isEqualTo(first);
        assertThat(intakeRecords(first)).hasSize(1);
    }

    @Test
    @DisplayName("R5: the same Idempotency-Key from another operator is another call")
    void keysAreScopedToTheOperator() {
        String key = newKey();
        String byOperator = as("operator").header("Idempotency-Key", key).body(json(valid()))
                .when().post(PATH).then().statusCode(202).extract().path("messageId");
        String byAdmin = as("admin").header("Idempotency-Key", key).body(json(valid()))
                .when().post(PATH).then().statusCode(202).extract().path("messageId");
        assertThat(byAdmin).isNotEqualTo(byOperator);
    }

    @Test
    @DisplayName("R1: the same Idempotency-Key for a different call → 422, and the refused call is kept")
    void sameKeyForADifferentCallIsRefused() {
        String key = newKey();
        String messageId = as("operator").header("Idempotency-Key", key).body(json(valid()))
                .when().post(PATH).then().statusCode(202).extract().path("messageId");
        as("operator").header("Idempotency-Key", key).body(json(with("description", "Совсем другой звонок")))
                .when().post(PATH)
                .then().statusCode(422)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(422))
                .body("title", containsString("Idempotency-Key"));

        assertThat(intakeRecords(messageId)).hasSize(1);
        await().untilAsserted(() -> assertThat(rejectedRecords(messageId)).hasSize(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded"})
    @DisplayName("A JSON body is read whatever Content-Type a client sent (curl -d sends a form type)")
    void aBodyWithoutJsonContentTypeIsStillRead(String contentType) {
        given().auth().preemptive().basic("operator", "operator")
                .contentType(contentType).body(json(valid()))
                .when().post(PATH)
                .then().statusCode(202);
    }

    // ---------------------------------------------------------------- refused calls

    @Test
    @DisplayName("R1/R3: a bad ИНН, a missing description and a malformed email → one 400 naming all three")
    void everyProblemIsNamedAtOnce() {
        Map<String, Object> body = valid();
        body.put("inn", "7707083894");
        body.remove("description");
        body.put("email", "ivanov@romashka");

        ExtractableResponse<Response> response = as("operator").body(json(body))
                .when().post(PATH)
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("title", equalTo("Обращение не принято: исправьте ошибки"))
                .body("status", equalTo(400))
                .extract();

        List<Map<String, String>> violations = response.path("violations");
        assertThat(violations).extracting(v -> v.get("field")).containsExactly("inn", "email", "description");
        assertThat(violations.get(0).get("message")).isEqualTo(Inn.Problem.CHECK_DIGIT.message());
        assertThat(violations.get(1).get("message")).startsWith("Адрес электронной почты указан неверно");
        assertThat(violations.get(2).get("message")).startsWith("Опишите проблему");
    }

    static Stream<Arguments> singleProblems() {
        return Stream.of(
                Arguments.of("bad ИНН check digit", with("inn", "7707083894"), "inn", "Неверная контрольная цифра"),
                Arguments.of("ИНН missing", without("inn"), "inn", "ИНН не указан"),
                Arguments.of("ИНН of letters", with("inn", "77070838AB"), "inn", "только из цифр"),
                Arguments.of("ИНН as a number", with("inn", 7707083893L), "inn", "строкой"),
                Arguments.of("all-zero ИНН", with("inn", "0000000000"), "inn", "из одних нулей"),
                Arguments.of("description missing", without("description"), "description", "Опишите проблему"),
                Arguments.of("description blank", with("description", " \n "), "description", "Опишите проблему"),
                Arguments.of("description too long", with("description", "я".repeat(20_001)), "description",
                        "не более 20000"),
                Arguments.of("email malformed", with("email", "ivanov.romashka.ru"), "email", "указан неверно"),
                Arguments.of("email missing", without("email"), "email", "Укажите адрес"),
                Arguments.of("phone malformed", with("phone", "8 925 ABC"), "phone", "только цифры"),
                Arguments.of("phone too short", with("phone", "950-91-18"), "phone", "от 10 до 15 цифр"),
                Arguments.of("name missing", without("customerName"), "customerName", "Укажите ФИО"),
                Arguments.of("name too long", with("customerName", "Ф".repeat(301)), "customerName",
                        "не более 300"),
                Arguments.of("subject too long", with("subject", "т".repeat(301)), "subject", "не более 300"),
                Arguments.of("unknown type", with("type", "bug"), "type",
                        "Допустимые значения: consultation (Консультация), software_bug (Ошибка ПО), "
                                + "change_request (Запрос на изменение), data_correction (Корректировка данных)"),
                Arguments.of("unknown impact", with("impact", "very_bad"), "impact",
                        "Допустимые значения: stops_operations"),
                Arguments.of("type not a string", with("type", List.of("software_bug")), "type", "строкой"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleProblems")
    @DisplayName("R1/R3: each single problem is named")
    void eachProblemIsNamed(String name, Map<String, Object> body, String field, String message) {
        List<Map<String, String>> violations = as("operator").body(json(body))
                .when().post(PATH)
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .extract().path("violations");
        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).get("field")).isEqualTo(field);
        assertThat(violations.get(0).get("message")).contains(message);
    }

    @Test
    void malformedJsonIsAJsonProblemToo() {
        as("operator").body("{\"inn\": \"7707083893\", \"description\": ")
                .when().post(PATH)
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("violations.field", equalTo(List.of("body")))
                .body("violations[0].message", startsWith("Тело запроса не является корректным JSON"));
    }

    @Test
    void aJsonArrayOrAnEmptyBodyIsRefused() {
        as("operator").body("[1, 2]").when().post(PATH)
                .then().statusCode(400).body("violations[0].field", equalTo("body"));
        as("operator").body("").when().post(PATH)
                .then().statusCode(400).body("violations[0].field", equalTo("body"));
    }

    @Test
    void anOverlongIdempotencyKeyIsRefusedWithTheOtherProblems() {
        as("operator").header("Idempotency-Key", "k".repeat(201)).body(json(without("description")))
                .when().post(PATH)
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("Idempotency-Key", "description")));
    }

    @Test
    void anIdempotencyKeyWithControlCharactersIsRefused() {
        as("operator").header("Idempotency-Key", "key\twith-tab").body(json(valid()))
                .when().post(PATH)
                .then().statusCode(400)
                .body("violations[0].field", equalTo("Idempotency-Key"))
                .body("violations[0].message", containsString("управляющие символы"));
    }

    @Test
    @DisplayName("R1: a refused call is kept on getmark.intake-rejected.v1, key = the operator's login")
    void refusedCallIsKept() {
        String key = newKey();
        String body = json(with("inn", "7707083894"));
        as("operator").header("Idempotency-Key", key).body(body)
                .when().post(PATH)
                .then().statusCode(400);

        String messageId = MessageIds.forIdempotencyKey("operator", key);
        await().untilAsserted(() -> assertThat(rejectedRecords(messageId)).hasSize(1));
        ConsumerRecord<String, String> record = rejectedRecords(messageId).get(0);
        assertThat(record.key()).isEqualTo("operator");
        assertThat(ContractSchemas.violations(ContractSchemas.INTAKE_REJECTED, record.value().getBytes(UTF_8)))
                .as("the rejected call obeys intake-rejected.v1.schema.json").isEmpty();
        assertThat(Json.fromJson(record.value(), RejectedIntake.class)).isEqualTo(new RejectedIntake(
                RejectedIntake.SCHEMA, messageId, Channel.PHONE, "operator", FixedClock.NOW,
                RejectedIntake.Reason.INVALID_INN, "inn: " + Inn.Problem.CHECK_DIGIT.message(), body));
        assertThat(record.value()).contains("\"reason\":\"invalid_inn\"");
        assertThat(intakeRecords(messageId)).isEmpty();
    }

    @Test
    @DisplayName("R1: a call without ИНН and with broken JSON are kept too")
    void missingInnAndBrokenJsonAreKept() {
        String key = newKey();
        as("operator").header("Idempotency-Key", key).body(json(without("inn")))
                .when().post(PATH).then().statusCode(400);
        String brokenKey = newKey();
        as("admin").header("Idempotency-Key", brokenKey).body("{broken")
                .when().post(PATH).then().statusCode(400);

        await().untilAsserted(() -> {
            assertThat(rejectedRecords(MessageIds.forIdempotencyKey("operator", key)))
                    .singleElement()
                    .satisfies(r -> assertThat(Json.fromJson(r.value(), RejectedIntake.class).reason())
                            .isEqualTo(RejectedIntake.Reason.MISSING_INN));
            assertThat(rejectedRecords(MessageIds.forIdempotencyKey("admin", brokenKey)))
                    .singleElement()
                    .satisfies(r -> {
                        RejectedIntake rejected = Json.fromJson(r.value(), RejectedIntake.class);
                        assertThat(r.key()).isEqualTo("admin");
                        assertThat(rejected.reason()).isEqualTo(RejectedIntake.Reason.INVALID_INPUT);
                        assertThat(rejected.payload()).isEqualTo("{broken");
                        assertThat(rejected.detail()).startsWith("body: ");
                    });
        });
    }

    // ---------------------------------------------------------------- security

    @Test
    void withoutCredentials401WithABasicChallenge() {
        given().contentType(ContentType.JSON).body(json(valid()))
                .when().post(PATH)
                .then().statusCode(401)
                .header("WWW-Authenticate", equalToIgnoringCase("basic realm=\"GetMark\""));
    }

    @Test
    void wrongPassword401() {
        given().auth().preemptive().basic("operator", "wrong").contentType(ContentType.JSON).body(json(valid()))
                .when().post(PATH)
                .then().statusCode(401);
    }

    @Test
    void secondLine403() {
        as("line2").body(json(valid()))
                .when().post(PATH)
                .then().statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", containsString("LINE1"));
    }

    @Test
    void firstLineAndAdmin202() {
        as("operator").body(json(valid())).when().post(PATH).then().statusCode(202);
        as("admin").body(json(valid())).when().post(PATH).then().statusCode(202);
    }

    @Test
    void aForbiddenCallIsNotPublishedNorCountedAsRejected() {
        String key = newKey();
        as("line2").header("Idempotency-Key", key).body(json(with("inn", "1"))).when().post(PATH)
                .then().statusCode(403);
        assertThat(rejectedRecords(MessageIds.forIdempotencyKey("line2", key))).isEmpty();
    }
}
