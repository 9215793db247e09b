package ru.getmark.support.infra.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Drives the fake Twilio API with the real Twilio Java SDK 11.3.6 (pointed at it by {@link FakeTwilioHttpClient}),
 * and checks what it posts with the SDK's {@link RequestValidator}, so that what works here works for
 * intake-whatsapp.
 */
class FakeTwilioApiTest {

    private static final String CUSTOMER = "+79161234567";
    private static final String TEMPLATE = "HX" + "a1".repeat(16);
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeTwilioApi tw;
    private WebhookReceiver service;
    private TwilioRestClient client;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        tw = FakeTwilioApi.start();
        service = new WebhookReceiver(tw.authToken());
        tw.inboundWebhook(service.url("/twilio/whatsapp"));
        client = sdk(tw.accountSid(), tw.authToken());
    }

    @AfterEach
    void stop() {
        tw.close();
        service.close();
    }

    private TwilioRestClient sdk(String accountSid, String authToken) {
        return new TwilioRestClient.Builder(accountSid, authToken)
                .httpClient(new FakeTwilioHttpClient(tw.baseUrl()))
                .build();
    }

    private Message sendText(String phone, String text) {
        return Message.creator(new PhoneNumber("whatsapp:" + phone), new PhoneNumber(FakeTwilioApi.DEFAULT_SENDER),
                text).setStatusCallback(URI.create(service.url("/twilio/status"))).create(client);
    }

    private List<String> callbackStatuses(String sid) {
        return service.posts("/twilio/status").stream().filter(p -> sid.equals(p.get("MessageSid")))
                .map(p -> p.get("MessageStatus")).toList();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(tw.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode simPost(String path, Object body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(tw.baseUrl() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("signature() is Twilio's algorithm: the SDK's RequestValidator accepts it, and only for that URL")
    void signatureMatchesTheSdk() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Body", "Здравствуйте! ИНН 7707083893");
        params.put("From", "whatsapp:+79161234567");
        params.put("MessageSid", "SM" + "0".repeat(32));
        params.put("NumMedia", "0");
        params.put("A", "");
        String url = "https://support.getmark.ru/twilio/whatsapp?x=1";
        String signature = FakeTwilioApi.signature(tw.authToken(), url, params);
        RequestValidator validator = new RequestValidator(tw.authToken());
        assertThat(validator.validate(url, params, signature)).isTrue();
        assertThat(validator.validate("https://support.getmark.ru/twilio/whatsapp", params, signature)).isFalse();
        assertThat(new RequestValidator("0".repeat(32)).validate(url, params, signature)).isFalse();
        Map<String, String> tampered = new LinkedHashMap<>(params);
        tampered.put("Body", "другое");
        assertThat(validator.validate(url, tampered, signature)).isFalse();
        // a known vector from Twilio's documentation
        Map<String, String> doc = new LinkedHashMap<>();
        doc.put("CallSid", "CA1234567890ABCDE");
        doc.put("Caller", "+14158675310");
        doc.put("Digits", "1234");
        doc.put("From", "+14158675310");
        doc.put("To", "+18005551212");
        assertThat(FakeTwilioApi.signature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", doc))
                .isEqualTo("GvWf1cFY/Q7PnoempGyD5oXAezc=");
    }

    @Test
    @DisplayName("text: 201 resource as the real API, then queued → sent → delivered, each callback signed, in order")
    void textMessageAndStatusCallbacks() {
        tw.customerSends(CUSTOMER, "Привет", "Анна");

        Message message = sendText(CUSTOMER, "Здравствуйте, Анна! Укажите ИНН.");

        assertThat(message.getSid()).matches("SM[0-9a-f]{32}");
        assertThat(message.getAccountSid()).isEqualTo(tw.accountSid());
        assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
        assertThat(message.getDirection()).isEqualTo(Message.Direction.OUTBOUND_API);
        assertThat(message.getTo()).isEqualTo("whatsapp:" + CUSTOMER);
        assertThat(message.getFrom().toString()).isEqualTo(FakeTwilioApi.DEFAULT_SENDER);
        assertThat(message.getBody()).isEqualTo("Здравствуйте, Анна! Укажите ИНН.");
        assertThat(message.getNumSegments()).isEqualTo("1");
        assertThat(message.getNumMedia()).isEqualTo("0");
        assertThat(message.getDateCreated()).isNotNull();
        assertThat(message.getDateUpdated()).isNotNull();
        assertThat(message.getErrorCode()).isNull();
        assertThat(message.getApiVersion()).isEqualTo("2010-04-01");
        assertThat(message.getPriceUnit().getCurrencyCode()).isEqualTo("USD");
        assertThat(message.getUri()).isEqualTo("/2010-04-01/Accounts/" + tw.accountSid() + "/Messages/"
                + message.getSid() + ".json");
        assertThat(message.getSubresourceUris()).containsKey("media");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(callbackStatuses(message.getSid())).containsExactly("queued", "sent", "delivered"));
        List<WebhookReceiver.Post> callbacks = service.posts("/twilio/status");
        assertThat(callbacks).allSatisfy(p -> {
            assertThat(p.validSignature()).as("signature of %s", p.form()).isTrue();
            assertThat(p.get("SmsSid")).isEqualTo(message.getSid());
            assertThat(p.get("SmsStatus")).isEqualTo(p.get("MessageStatus"));
            assertThat(p.get("To")).isEqualTo("whatsapp:" + CUSTOMER);
            assertThat(p.get("From")).isEqualTo(FakeTwilioApi.DEFAULT_SENDER);
            assertThat(p.get("AccountSid")).isEqualTo(tw.accountSid());
            assertThat(p.get("ApiVersion")).isEqualTo("2010-04-01");
            assertThat(p.get("ChannelPrefix")).isEqualTo("whatsapp");
            assertThat(p.get("ErrorCode")).isNull();
        });
        await().untilAsserted(() -> assertThat(tw.statusCallbacks(message.getSid()))
                .extracting(StatusCallbackPost::status, StatusCallbackPost::httpStatus)
                .containsExactly(tuple("queued", 200), tuple("sent", 200), tuple("delivered", 200)));

        Message fetched = Message.fetcher(message.getSid()).fetch(client);
        assertThat(fetched.getStatus()).isEqualTo(Message.Status.DELIVERED);
        assertThat(fetched.getDateSent()).isNotNull();

        List<SentMessage> sent = tw.sentTo("79161234567");
        assertThat(sent).singleElement().satisfies(s -> {
            assertThat(s.sid()).isEqualTo(message.getSid());
            assertThat(s.body()).isEqualTo("Здравствуйте, Анна! Укажите ИНН.");
            assertThat(s.status()).isEqualTo("delivered");
            assertThat(s.statusCallback()).isEqualTo(service.url("/twilio/status"));
            assertThat(s.buttons()).isEmpty();
        });
        RecordedRequest create = tw.requests().stream().filter(r -> r.method().equals("POST")).findFirst()
                .orElseThrow();
        assertThat(create.httpStatus()).isEqualTo(201);
        assertThat(create.param("To")).isEqualTo("whatsapp:" + CUSTOMER);
        assertThat(create.param("StatusCallback")).isEqualTo(service.url("/twilio/status"));
    }

    @Test
    @DisplayName("the 201 answer carries RFC 1123 dates, null date_sent while queued, Twilio's field names")
    void rawCreateAnswer() throws Exception {
        tw.customerSends(CUSTOMER, "Привет", "Анна");
        String form = "To=" + URLEncoder.encode("whatsapp:" + CUSTOMER, StandardCharsets.UTF_8)
                + "&From=" + URLEncoder.encode(FakeTwilioApi.DEFAULT_SENDER, StandardCharsets.UTF_8)
                + "&Body=" + URLEncoder.encode("Текст", StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(tw.baseUrl() + "/2010-04-01/Accounts/" + tw.accountSid() + "/Messages.json"))
                .header("Authorization", basic(tw.accountSid(), tw.authToken()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.path("date_created").asText())
                .matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(json.get("date_sent").isNull()).isTrue();
        assertThat(json.get("error_code").isNull()).isTrue();
        assertThat(json.get("error_message").isNull()).isTrue();
        assertThat(json.get("price").isNull()).isTrue();
        assertThat(json.path("status").asText()).isEqualTo("queued");
        assertThat(json.path("direction").asText()).isEqualTo("outbound-api");
        assertThat(json.path("subresource_uris").path("media").asText()).endsWith("/Media.json");
        assertThat(json.fieldNames()).toIterable().contains("account_sid", "api_version", "body", "num_media",
                "num_segments", "price_unit", "sid", "to", "from", "uri", "date_updated");
    }

    @Test
    @DisplayName("template (ContentSid): rendered with ContentVariables, quick replies as buttons, allowed outside the window")
    void templateMessage() {
        tw.contentTemplate(TEMPLATE, "Заявка {{1}} зарегистрирована. Всё ли понятно, {{2}}?", List.of("Да", "Нет"));

        Message message = Message.creator(new PhoneNumber("whatsapp:" + CUSTOMER),
                        new PhoneNumber(FakeTwilioApi.DEFAULT_SENDER), (String) null)
                .setContentSid(TEMPLATE)
                .setContentVariables("{\"1\":\"GM-000123\",\"2\":\"Анна\"}")
                .setStatusCallback(URI.create(service.url("/twilio/status")))
                .create(client);

        assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
        assertThat(message.getBody()).isEqualTo("Заявка GM-000123 зарегистрирована. Всё ли понятно, Анна?");
        await().untilAsserted(() ->
                assertThat(callbackStatuses(message.getSid())).containsExactly("queued", "sent", "delivered"));
        SentMessage sent = tw.sentTo(CUSTOMER).get(0);
        assertThat(sent.contentSid()).isEqualTo(TEMPLATE);
        assertThat(sent.contentVariables()).isEqualTo("{\"1\":\"GM-000123\",\"2\":\"Анна\"}");
        assertThat(sent.buttons()).containsExactly("Да", "Нет");
        assertThat(sent.buttonPayloads()).containsExactly("Да", "Нет");

        assertThatThrownBy(() -> Message.creator(new PhoneNumber("whatsapp:" + CUSTOMER),
                        new PhoneNumber(FakeTwilioApi.DEFAULT_SENDER), (String) null)
                .setContentSid("HX" + "0".repeat(32)).create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(21655);
                    assertThat(e.getStatusCode()).isEqualTo(400);
                });
        assertThatThrownBy(() -> Message.creator(new PhoneNumber("whatsapp:" + CUSTOMER),
                        new PhoneNumber(FakeTwilioApi.DEFAULT_SENDER), (String) null)
                .setContentSid(TEMPLATE).setContentVariables("{\"1\":\"GM-000123\"}").create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21656));
    }

    @Test
    @DisplayName("a quick reply pressed comes back as MessageType=button with ButtonText/ButtonPayload")
    void quickReplyPressed() {
        tw.contentTemplateWithIds(TEMPLATE, "Оцените решение заявки {{1}}",
                List.of(new QuickReply("Подтверждаю", "confirm:{{1}}"), new QuickReply("Не решено", "reopen:{{1}}")));
        Message message = Message.creator(new PhoneNumber("whatsapp:" + CUSTOMER),
                        new PhoneNumber(FakeTwilioApi.DEFAULT_SENDER), (String) null)
                .setContentSid(TEMPLATE).setContentVariables("{\"1\":\"GM-7\"}").create(client);
        assertThat(tw.sentTo(CUSTOMER).get(0).buttonPayloads()).containsExactly("confirm:GM-7", "reopen:GM-7");

        Inbound pressed = tw.customerPressesButton(CUSTOMER, "Подтверждаю", "confirm:GM-7", "Анна");

        assertThat(pressed.status()).isEqualTo(200);
        WebhookReceiver.Post post = service.posts("/twilio/whatsapp").get(0);
        assertThat(post.validSignature()).isTrue();
        assertThat(post.form()).containsEntry("MessageType", "button").containsEntry("ButtonText", "Подтверждаю")
                .containsEntry("ButtonPayload", "confirm:GM-7").containsEntry("Body", "Подтверждаю")
                .containsEntry("OriginalRepliedMessageSid", message.getSid());
    }

    @Test
    @DisplayName("media: MediaUrl repeated in order, num_media, MM sid")
    void mediaMessage() {
        tw.customerSends(CUSTOMER, "Привет", "Анна");
        List<URI> urls = List.of(URI.create("https://files.getmark.ru/a.pdf"), URI.create("https://files.getmark.ru/b.png"));

        Message message = Message.creator(new PhoneNumber("whatsapp:" + CUSTOMER),
                new PhoneNumber(FakeTwilioApi.DEFAULT_SENDER), urls).setBody("Ваши документы").create(client);

        assertThat(message.getSid()).startsWith("MM");
        assertThat(message.getNumMedia()).isEqualTo("2");
        assertThat(tw.sentTo(CUSTOMER).get(0).mediaUrls())
                .containsExactly("https://files.getmark.ru/a.pdf", "https://files.getmark.ru/b.png");
        RecordedRequest create = tw.requests().get(tw.requests().size() - 1);
        assertThat(create.params().get("MediaUrl")).hasSize(2);
        await().untilAsserted(() -> assertThat(tw.sentMessage(message.getSid()).status()).isEqualTo("delivered"));
    }

    @Test
    @DisplayName("the pointing client keeps working when the SDK client has a region and edge set")
    void regionAndEdgeIgnored() {
        tw.customerSends(CUSTOMER, "Привет", "Анна");
        TwilioRestClient regional = new TwilioRestClient.Builder(tw.accountSid(), tw.authToken())
                .region("ie1").edge("dublin").httpClient(new FakeTwilioHttpClient(tw.baseUrl())).build();
        Message message = Message.creator(new PhoneNumber("whatsapp:" + CUSTOMER),
                new PhoneNumber(FakeTwilioApi.DEFAULT_SENDER), "из Дублина").create(regional);
        assertThat(Message.fetcher(message.getSid()).fetch(regional).getBody()).isEqualTo("из Дублина");
    }

    @Test
    @DisplayName("wrong credentials: ApiException 20003 / 401, nothing sent")
    void authenticationFailure() {
        TwilioRestClient wrong = sdk(tw.accountSid(), "f".repeat(32));
        assertThatThrownBy(() -> Message.creator(new PhoneNumber("whatsapp:" + CUSTOMER),
                new PhoneNumber(FakeTwilioApi.DEFAULT_SENDER), "x").create(wrong))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(20003);
                    assertThat(e.getStatusCode()).isEqualTo(401);
                    assertThat(e.getMessage()).isEqualTo("Authenticate");
                    assertThat(e.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/20003");
                });
        assertThat(tw.sentTo(CUSTOMER)).isEmpty();
        assertThat(tw.requests()).extracting(RecordedRequest::httpStatus).containsExactly(401);
    }

    @Test
    @DisplayName("failRequests: the next calls answer the error; the SDK's own retries (429/503 once by Apache "
            + "HttpClient after 1 s, 5xx up to 3 attempts by the SDK) consume faults")
    void failRequests() {
        tw.customerSends(CUSTOMER, "Привет", "Анна");

        tw.failRequests(1, 429, 20429);
        assertThat(sendText(CUSTOMER, "1").getBody()).isEqualTo("1"); // Apache HttpClient retried the 429 once
        tw.failRequests(2, 429, 20429);
        assertThatThrownBy(() -> sendText(CUSTOMER, "2"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(20429);
                    assertThat(e.getStatusCode()).isEqualTo(429);
                    assertThat(e.getMessage()).isEqualTo("Too Many Requests");
                    assertThat(e.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/20429");
                });
        tw.failRequests(1, 500, 20500);
        assertThat(sendText(CUSTOMER, "3").getBody()).isEqualTo("3"); // the SDK retried the 500
        tw.failRequests(3, 500, 20500);
        assertThatThrownBy(() -> sendText(CUSTOMER, "4"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(20500);
                    assertThat(e.getStatusCode()).isEqualTo(500);
                });
        tw.failRequests(6, 503, 20503);
        assertThatThrownBy(() -> Message.fetcher(tw.sentTo(CUSTOMER).get(0).sid()).fetch(client))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20503));

        assertThat(tw.requests()).extracting(RecordedRequest::httpStatus)
                .containsExactly(429, 201, 429, 429, 500, 201, 500, 500, 500, 503, 503, 503, 503, 503, 503);
        assertThat(tw.sentTo(CUSTOMER)).extracting(SentMessage::body).containsExactly("1", "3");
        assertThat(sendText(CUSTOMER, "5").getStatus()).isEqualTo(Message.Status.QUEUED);
    }

    @Test
    @DisplayName("validation as the real API: From 63007, no content 21619, Body > 1600 21617, To 21604")
    void validation() {
        tw.customerSends(CUSTOMER, "Привет", "Анна");
        PhoneNumber to = new PhoneNumber("whatsapp:" + CUSTOMER);
        assertThatThrownBy(() -> Message.creator(to, new PhoneNumber("whatsapp:+70000000000"), "x").create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(63007));
        assertThatThrownBy(() -> Message.creator(to, new PhoneNumber(FakeTwilioApi.DEFAULT_SENDER), (String) null)
                .create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21619));
        assertThatThrownBy(() -> Message.creator(to, new PhoneNumber(FakeTwilioApi.DEFAULT_SENDER), "я".repeat(1601))
                .create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21617));
        assertThat(Message.creator(to, new PhoneNumber(FakeTwilioApi.DEFAULT_SENDER), "я".repeat(1600))
                .create(client).getStatus()).isEqualTo(Message.Status.QUEUED);
        assertThatThrownBy(() -> Message.creator(new PhoneNumber(CUSTOMER), new PhoneNumber(FakeTwilioApi.DEFAULT_SENDER),
                "sms?").create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21910));
        assertThatThrownBy(() -> Message.fetcher("SM" + "0".repeat(32)).fetch(client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(20404);
                    assertThat(e.getStatusCode()).isEqualTo(404);
                });
    }

    @Test
    @DisplayName("closed 24-hour window: freeform accepted with 201, then failed 63016; a template still goes")
    void closedWindow() {
        Message never = sendText(CUSTOMER, "Вы не писали нам");
        assertThat(never.getStatus()).isEqualTo(Message.Status.QUEUED);
        await().untilAsserted(() -> assertThat(callbackStatuses(never.getSid())).containsExactly("queued", "failed"));
        WebhookReceiver.Post failed = service.posts("/twilio/status").get(1);
        assertThat(failed.get("ErrorCode")).isEqualTo("63016");
        assertThat(failed.get("ErrorMessage")).contains("outside the allowed window");
        assertThat(failed.validSignature()).isTrue();
        Message fetched = Message.fetcher(never.getSid()).fetch(client);
        assertThat(fetched.getStatus()).isEqualTo(Message.Status.FAILED);
        assertThat(fetched.getErrorCode()).isEqualTo(63016);

        tw.customerSends(CUSTOMER, "Привет", "Анна");
        assertThat(tw.windowOpen(CUSTOMER)).isTrue();
        tw.windowOpenedAt(CUSTOMER, Instant.now().minus(Duration.ofHours(25)));
        assertThat(tw.windowOpen(CUSTOMER)).isFalse();
        Message late = sendText(CUSTOMER, "Прошли сутки");
        await().untilAsserted(() -> assertThat(tw.sentMessage(late.getSid()).errorCode()).isEqualTo(63016));

        tw.windowOpenedAt(CUSTOMER, Instant.now().minus(Duration.ofHours(23)));
        Message inTime = sendText(CUSTOMER, "Ещё в окне");
        await().untilAsserted(() -> assertThat(tw.sentMessage(inTime.getSid()).status()).isEqualTo("delivered"));
    }

    @Test
    @DisplayName("failDelivery: failed / undelivered with the error code; null clears it")
    void failDelivery() {
        tw.customerSends(CUSTOMER, "Привет", "Анна");
        tw.failDelivery(CUSTOMER, "undelivered", 63024);
        Message a = sendText(CUSTOMER, "a");
        await().untilAsserted(() -> assertThat(callbackStatuses(a.getSid()))
                .containsExactly("queued", "sent", "undelivered"));
        assertThat(service.posts("/twilio/status").get(2).get("ErrorCode")).isEqualTo("63024");
        assertThat(Message.fetcher(a.getSid()).fetch(client).getStatus()).isEqualTo(Message.Status.UNDELIVERED);

        tw.failDelivery(CUSTOMER, "failed", 63018);
        Message b = sendText(CUSTOMER, "b");
        await().untilAsserted(() -> assertThat(callbackStatuses(b.getSid())).containsExactly("queued", "failed"));
        assertThat(tw.sentMessage(b.getSid()).errorCode()).isEqualTo(63018);
        assertThat(tw.statusCallbacks(b.getSid()).get(1).errorCode()).isEqualTo(63018);

        tw.failDelivery(CUSTOMER, null, 0);
        Message c = sendText(CUSTOMER, "c");
        await().untilAsserted(() -> assertThat(callbackStatuses(c.getSid()))
                .containsExactly("queued", "sent", "delivered"));
    }

    @Test
    @DisplayName("inbound webhook: Twilio's WhatsApp form, signed (RequestValidator true), the service's answer returned")
    void inboundWebhook() {
        service.on("/twilio/whatsapp", p -> new WebhookReceiver.Answer(200, "text/xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"));

        Inbound inbound = tw.customerSends("+7 (916) 123-45-67", "Не работает касса, ИНН 7707083893", "Анна");

        assertThat(inbound.status()).isEqualTo(200);
        assertThat(inbound.body()).contains("<Response/>");
        assertThat(inbound.messageSid()).matches("SM[0-9a-f]{32}");
        WebhookReceiver.Post post = service.posts("/twilio/whatsapp").get(0);
        assertThat(post.validSignature()).isTrue();
        assertThat(post.contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(post.idempotencyToken()).isNotBlank();
        assertThat(post.form())
                .containsEntry("MessageSid", inbound.messageSid())
                .containsEntry("SmsMessageSid", inbound.messageSid())
                .containsEntry("SmsSid", inbound.messageSid())
                .containsEntry("AccountSid", tw.accountSid())
                .containsEntry("From", "whatsapp:+79161234567")
                .containsEntry("To", FakeTwilioApi.DEFAULT_SENDER)
                .containsEntry("Body", "Не работает касса, ИНН 7707083893")
                .containsEntry("NumMedia", "0")
                .containsEntry("NumSegments", "1")
                .containsEntry("ProfileName", "Анна")
                .containsEntry("WaId", "79161234567")
                .containsEntry("SmsStatus", "received")
                .containsEntry("ApiVersion", "2010-04-01")
                .containsEntry("MessageType", "text")
                .doesNotContainKey("ChannelMetadata");
        assertThat(tw.inbound(CUSTOMER)).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("Не работает касса, ИНН 7707083893");
            assertThat(m.status()).isEqualTo(200);
            assertThat(m.profileName()).isEqualTo("Анна");
        });
        // a wrong token would not validate
        assertThat(new RequestValidator("0".repeat(32)).validate(post.signedUrl(), post.form(), post.signature()))
                .isFalse();
    }

    @Test
    @DisplayName("route(): signed over the public URL, posted to the local one (webhook and status callbacks)")
    void proxyRoute() {
        String publicBase = "https://support.getmark.ru";
        service.publicBase(publicBase);
        tw.inboundWebhook(publicBase + "/twilio/whatsapp");
        tw.route(publicBase, service.baseUrl());

        Inbound inbound = tw.customerSends(CUSTOMER, "Привет", "Анна");

        assertThat(inbound.status()).isEqualTo(200);
        WebhookReceiver.Post post = service.posts("/twilio/whatsapp").get(0);
        assertThat(post.validSignature()).isTrue();
        assertThat(post.signedUrl()).isEqualTo(publicBase + "/twilio/whatsapp");
        RequestValidator validator = new RequestValidator(tw.authToken());
        assertThat(validator.validate(service.url("/twilio/whatsapp"), post.form(), post.signature())).isFalse();
        assertThat(tw.webhookPosts()).singleElement().satisfies(w -> {
            assertThat(w.url()).isEqualTo(publicBase + "/twilio/whatsapp");
            assertThat(w.postedTo()).isEqualTo(service.url("/twilio/whatsapp"));
        });

        Message message = Message.creator(new PhoneNumber("whatsapp:" + CUSTOMER),
                        new PhoneNumber(FakeTwilioApi.DEFAULT_SENDER), "Ответ")
                .setStatusCallback(URI.create(publicBase + "/twilio/status?ticket=GM-1")).create(client);
        await().untilAsserted(() -> assertThat(callbackStatuses(message.getSid())).hasSize(3));
        assertThat(service.posts("/twilio/status")).allSatisfy(p -> {
            assertThat(p.validSignature()).isTrue();
            assertThat(p.signedUrl()).isEqualTo(publicBase + "/twilio/status?ticket=GM-1");
        });
    }

    @Test
    @DisplayName("inbound media: MediaUrl needs basic auth, answers 307 to a short-lived unauthenticated link")
    void inboundMedia() throws Exception {
        byte[] pdf = "%PDF-1.4 чек".getBytes(StandardCharsets.UTF_8);
        byte[] png = new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3};
        Inbound inbound = tw.customerSendsMedia(CUSTOMER, "Скриншот ошибки", "Анна",
                List.of(new Media("image/png", "screen.png", png), new Media("application/pdf", "check.pdf", pdf)));

        assertThat(inbound.messageSid()).startsWith("MM");
        WebhookReceiver.Post post = service.posts("/twilio/whatsapp").get(0);
        assertThat(post.validSignature()).isTrue();
        assertThat(post.form()).containsEntry("NumMedia", "2").containsEntry("MessageType", "image")
                .containsEntry("Body", "Скриншот ошибки").containsEntry("MediaContentType0", "image/png")
                .containsEntry("MediaContentType1", "application/pdf");
        String url = post.get("MediaUrl1");
        assertThat(url).startsWith(tw.baseUrl() + "/2010-04-01/Accounts/" + tw.accountSid() + "/Messages/"
                + inbound.messageSid() + "/Media/ME");

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).path("code").asInt()).isEqualTo(20003);

        HttpResponse<byte[]> redirect = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", basic(tw.accountSid(), tw.authToken())).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(redirect.statusCode()).isEqualTo(307);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(tw.baseUrl() + "/cdn/");
        HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create(location)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(pdf);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("application/pdf");

        // a client that follows redirects gets the bytes in one go
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<byte[]> direct = following.send(HttpRequest.newBuilder(URI.create(post.get("MediaUrl0")))
                        .header("Authorization", basic(tw.accountSid(), tw.authToken())).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(direct.statusCode()).isEqualTo(200);
        assertThat(direct.body()).isEqualTo(png);

        // wrong password: 401
        assertThat(http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", basic(tw.accountSid(), "nope")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        // the link expires
        tw.mediaLinkTtl(Duration.ZERO);
        HttpResponse<byte[]> again = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", basic(tw.accountSid(), tw.authToken())).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String expired = again.headers().firstValue("Location").orElseThrow();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(expired)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(tw.inbound(CUSTOMER).get(0).media()).extracting(MediaFile::fileName)
                .containsExactly("screen.png", "check.pdf");
    }

    @Test
    @DisplayName("redeliver: the very same form, signature and idempotency token again")
    void redeliver() {
        AtomicReference<Integer> answer = new AtomicReference<>(502);
        service.on("/twilio/whatsapp", p -> new WebhookReceiver.Answer(answer.get(), "text/plain", ""));
        Inbound first = tw.customerSends(CUSTOMER, "ИНН 7707083893", "Анна");
        assertThat(first.status()).isEqualTo(502);

        answer.set(200);
        Inbound second = tw.redeliver(first.messageSid());

        assertThat(second.messageSid()).isEqualTo(first.messageSid());
        assertThat(second.status()).isEqualTo(200);
        List<WebhookReceiver.Post> posts = service.posts("/twilio/whatsapp");
        assertThat(posts).hasSize(2);
        assertThat(posts.get(1).form()).isEqualTo(posts.get(0).form());
        assertThat(posts.get(1).signature()).isEqualTo(posts.get(0).signature());
        assertThat(posts.get(1).idempotencyToken()).isEqualTo(posts.get(0).idempotencyToken());
        assertThat(posts.get(1).validSignature()).isTrue();
        assertThat(tw.webhookPosts()).extracting(WebhookPost::redelivery, WebhookPost::httpStatus)
                .containsExactly(tuple(false, 502), tuple(true, 200));
        assertThat(tw.inbound(CUSTOMER)).singleElement().extracting(CustomerMessage::status).isEqualTo(200);
    }

    @Test
    @DisplayName("raw inbound (location) with the standard fields filled in; unreachable service gives status -1")
    void rawAndUnreachable() {
        Inbound location = tw.customerSendsRaw(CUSTOMER, Map.of("MessageType", "location", "Latitude", "55.7558",
                "Longitude", "37.6173", "ProfileName", "Анна"));
        WebhookReceiver.Post post = service.posts("/twilio/whatsapp").get(0);
        assertThat(post.validSignature()).isTrue();
        assertThat(post.form()).containsEntry("MessageType", "location").containsEntry("Latitude", "55.7558")
                .containsEntry("Body", "").containsEntry("MessageSid", location.messageSid())
                .containsEntry("ProfileName", "Анна").containsEntry("WaId", "79161234567");
        assertThat(tw.inbound(CUSTOMER).get(0).text()).contains("55.7558");

        tw.inboundWebhook("http://127.0.0.1:1/twilio/whatsapp");
        Inbound lost = tw.customerSends(CUSTOMER, "никто не слышит", null);
        assertThat(lost.status()).isEqualTo(-1);
        assertThat(tw.inbound(CUSTOMER).get(1).profileName()).isEqualTo("Анна");
    }

    @Test
    @DisplayName("REST answers never wait for status callbacks; the service may call the API inside its webhook")
    void nothingBlocks() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        service.on("/twilio/status", p -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return WebhookReceiver.Answer.ok();
        });
        List<String> repliedSids = new java.util.concurrent.CopyOnWriteArrayList<>();
        service.on("/twilio/whatsapp", p -> {
            // like a service that answers through the REST API before acknowledging the webhook
            repliedSids.add(sendText("+" + p.get("WaId"), "Получили: " + p.get("Body")).getSid());
            return WebhookReceiver.Answer.ok();
        });

        Inbound inbound = tw.customerSends(CUSTOMER, "Привет", "Анна");
        assertThat(inbound.status()).isEqualTo(200);
        Message second = sendText(CUSTOMER, "второе");
        Message third = sendText(CUSTOMER, "третье");
        assertThat(Message.fetcher(third.getSid()).fetch(client).getSid()).isEqualTo(third.getSid());
        assertThat(tw.statusCallbacks()).isEmpty(); // the first callback is still blocked

        release.countDown();
        List<String> sids = List.of(repliedSids.get(0), second.getSid(), third.getSid());
        await().untilAsserted(() -> assertThat(tw.statusCallbacks()).hasSize(9));
        for (String sid : sids) {
            assertThat(callbackStatuses(sid)).containsExactly("queued", "sent", "delivered");
        }
        assertThat(tw.sentTo(CUSTOMER)).extracting(SentMessage::body)
                .containsExactly("Получили: Привет", "второе", "третье");
    }

    @Test
    @DisplayName("statusStepDelay: statuses move later, still in order")
    void statusStepDelay() {
        tw.customerSends(CUSTOMER, "Привет", "Анна");
        tw.statusStepDelay(Duration.ofMillis(1000));
        Message message = sendText(CUSTOMER, "медленно");
        assertThat(Message.fetcher(message.getSid()).fetch(client).getStatus()).isEqualTo(Message.Status.QUEUED);
        await().untilAsserted(() -> assertThat(callbackStatuses(message.getSid()))
                .containsExactly("queued", "sent", "delivered"));
    }

    @Test
    @DisplayName("a TwiML answer to the webhook is sent to the customer as outbound-reply")
    void twimlReply() {
        service.on("/twilio/whatsapp", p -> new WebhookReceiver.Answer(200, "text/xml",
                "<Response><Message>Спасибо, приняли</Message><Message><Body>Второе</Body></Message></Response>"));
        tw.customerSends(CUSTOMER, "Привет", "Анна");
        assertThat(tw.sentTo(CUSTOMER)).extracting(SentMessage::body, SentMessage::direction)
                .containsExactly(tuple("Спасибо, приняли", "outbound-reply"), tuple("Второе", "outbound-reply"));
        await().untilAsserted(() -> assertThat(tw.sentTo(CUSTOMER)).extracting(SentMessage::status)
                .containsOnly("delivered"));
    }

    @Test
    @DisplayName("Message.reader lists what was sent, newest first, filtered by To")
    void listMessages() {
        tw.customerSends(CUSTOMER, "Привет", "Анна");
        tw.customerSends("+79990001122", "Привет", "Борис");
        sendText(CUSTOMER, "1");
        sendText("+79990001122", "2");
        sendText(CUSTOMER, "3");
        ResourceSet<Message> list = Message.reader().setTo(new PhoneNumber("whatsapp:" + CUSTOMER)).read(client);
        List<String> bodies = new ArrayList<>();
        list.forEach(m -> bodies.add(m.getBody()));
        assertThat(bodies).containsExactly("3", "1");
    }

    @Test
    @DisplayName("reset forgets messages and templates but keeps the webhook and credentials")
    void reset() {
        tw.contentTemplate(TEMPLATE, "Шаблон", List.of());
        tw.customerSends(CUSTOMER, "Привет", "Анна");
        sendText(CUSTOMER, "1");
        tw.reset();
        assertThat(tw.sentTo(CUSTOMER)).isEmpty();
        assertThat(tw.inbound(CUSTOMER)).isEmpty();
        assertThat(tw.windowOpen(CUSTOMER)).isFalse();
        assertThat(tw.inboundWebhook()).isEqualTo(service.url("/twilio/whatsapp"));
        assertThatThrownBy(() -> Message.creator(new PhoneNumber("whatsapp:" + CUSTOMER),
                        new PhoneNumber(FakeTwilioApi.DEFAULT_SENDER), (String) null).setContentSid(TEMPLATE)
                .create(client)).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(21655));
        assertThat(tw.customerSends(CUSTOMER, "снова", "Анна").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("/sim HTTP API: a customer writes, presses a button, sends a file; the service's messages listed")
    void simulatorHttpApi() throws Exception {
        tw.contentTemplate(TEMPLATE, "Решено?", List.of("Да", "Нет"));
        JsonNode written = simPost("/sim/whatsapp/%2B79161234567/messages",
                Map.of("text", "Здравствуйте", "profileName", "Анна"));
        assertThat(written.path("messageSid").asText()).startsWith("SM");
        assertThat(written.path("webhookStatus").asInt()).isEqualTo(200);
        WebhookReceiver.Post post = service.posts("/twilio/whatsapp").get(0);
        assertThat(post.validSignature()).isTrue();
        assertThat(post.form()).containsEntry("Body", "Здравствуйте").containsEntry("ProfileName", "Анна");

        sendText(CUSTOMER, "Укажите ИНН");
        Message.creator(new PhoneNumber("whatsapp:" + CUSTOMER), new PhoneNumber(FakeTwilioApi.DEFAULT_SENDER),
                (String) null).setContentSid(TEMPLATE).create(client);
        await().untilAsserted(() -> {
            JsonNode list = JSON.readTree(get("/sim/whatsapp/79161234567/messages").body());
            assertThat(list).hasSize(2);
            assertThat(list.get(0).path("body").asText()).isEqualTo("Укажите ИНН");
            assertThat(list.get(0).path("status").asText()).isEqualTo("delivered");
            assertThat(list.get(0).path("createdAt").asText()).isNotEmpty();
            assertThat(list.get(1).path("contentSid").asText()).isEqualTo(TEMPLATE);
            assertThat(list.get(1).path("buttons")).extracting(JsonNode::asText).containsExactly("Да", "Нет");
        });

        JsonNode pressed = simPost("/sim/whatsapp/79161234567/messages",
                Map.of("text", "Да", "buttonPayload", "Да", "profileName", "Анна"));
        assertThat(pressed.path("webhookStatus").asInt()).isEqualTo(200);
        assertThat(service.posts("/twilio/whatsapp").get(1).form()).containsEntry("MessageType", "button")
                .containsEntry("ButtonPayload", "Да");

        JsonNode file = simPost("/sim/whatsapp/79161234567/messages", Map.of("text", "", "profileName", "Анна",
                "media", List.of(Map.of("contentType", "application/pdf", "fileName", "a.pdf",
                        "base64", Base64.getEncoder().encodeToString("PDF".getBytes(StandardCharsets.UTF_8))))));
        assertThat(file.path("messageSid").asText()).startsWith("MM");
        WebhookReceiver.Post filePost = service.posts("/twilio/whatsapp").get(2);
        assertThat(filePost.form()).containsEntry("MessageType", "document").containsEntry("NumMedia", "1");

        JsonNode both = JSON.readTree(get("/sim/whatsapp/%2B79161234567/messages?all=true").body());
        assertThat(both).extracting(n -> n.path("direction").asText())
                .containsExactly("inbound", "outbound", "outbound", "inbound", "inbound");

        JsonNode state = JSON.readTree(get("/sim/state").body());
        assertThat(state.path("inboundWebhook").asText()).isEqualTo(service.url("/twilio/whatsapp"));
        assertThat(state.path("customers").get(0).path("phone").asText()).isEqualTo(CUSTOMER);

        HttpResponse<String> unknown = get("/sim/nothing");
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(
                        URI.create(tw.baseUrl() + "/sim/whatsapp/abc/messages"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"x\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("the simulator page is served at /")
    void page() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("WhatsApp").contains("/sim/whatsapp/");
    }
}
