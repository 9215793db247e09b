package ru.getmark.support.whatsapp.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.twilio.FakeTwilioApi;
import ru.getmark.support.infra.twilio.Inbound;
import ru.getmark.support.infra.twilio.WebhookPost;
import ru.getmark.support.whatsapp.support.Customer;
import ru.getmark.support.whatsapp.support.FakeTwilioResource;
import ru.getmark.support.whatsapp.support.WhatsAppTest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The webhooks take only what Twilio signed: {@code X-Twilio-Signature} computed with Twilio's algorithm (the fake's,
 * cross-checked in deploy/infra against the SDK's RequestValidator) and the account's auth token, over the public
 * URL the service is configured with — not the URL the request reached behind the proxy. Anything else is 403, and
 * nothing is stored, answered or published.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "whatsapp"))
@WithTestResource(FakeTwilioResource.class)
class WebhookSignatureTest extends WhatsAppTest {

    private static final String WEBHOOK = FakeTwilioResource.PUBLIC_URL + "/twilio/whatsapp";
    private static final String STATUS = FakeTwilioResource.PUBLIC_URL + "/twilio/status";

    private static Map<String, String> form(String sid, Customer customer, String text) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("SmsMessageSid", sid);
        form.put("NumMedia", "0");
        form.put("ProfileName", customer.name());
        form.put("MessageType", "text");
        form.put("SmsSid", sid);
        form.put("WaId", customer.waId());
        form.put("SmsStatus", "received");
        form.put("Body", text);
        form.put("To", FakeTwilioApi.DEFAULT_SENDER);
        form.put("NumSegments", "1");
        form.put("MessageSid", sid);
        form.put("AccountSid", FakeTwilioApi.DEFAULT_ACCOUNT_SID);
        form.put("From", "whatsapp:" + customer.phone());
        form.put("ApiVersion", "2010-04-01");
        return form;
    }

    private static String newSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    private io.restassured.response.Response post(String path, Map<String, String> form, String signature) {
        var request = given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form);
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return request.when().post(path);
    }

    private void nothingHappened(String sid, Customer customer) {
        assertThat(QuarkusTransaction.requiringNew().call(() -> inbox.status(sid))).as("stored").isEmpty();
        assertThat(customer.received()).as("answers").isEmpty();
        assertThat(intakeOf(customer)).as("published").isEmpty();
    }

    @Test
    @DisplayName("R5: a webhook signed by Twilio for the public URL is stored and answered with empty TwiML")
    void correctlySignedWebhookIsTaken() {
        Customer customer = customer("Анна");
        String sid = newSid();
        Map<String, String> form = form(sid, customer, "Здравствуйте");
        twilio.windowOpenedAt(customer.phone(), java.time.Instant.now()); // posted by hand, not through the fake
        post("/twilio/whatsapp", form, FakeTwilioApi.signature(twilio.authToken(), WEBHOOK, form))
                .then().statusCode(200).contentType(containsString("xml"))
                .body(containsString("<Response/>"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !customer.received().isEmpty());
        assertThat(QuarkusTransaction.requiringNew().call(() -> inbox.status(sid))).hasValue("handled");
        assertThat(customer.received().get(0).body()).contains("Оформить новое Обращение");
        await().atMost(Duration.ofSeconds(20)).until(() -> "delivered".equals(customer.received().get(0).status()));
    }

    @Test
    @DisplayName("R5: signed for the URL the request reached (not the configured public one) → 403, nothing stored")
    void signatureOverTheLocalUrlIsRefused() {
        Customer customer = customer("Борис");
        String sid = newSid();
        Map<String, String> form = form(sid, customer, "Здравствуйте");
        String local = "http://localhost:" + RestAssured.port + "/twilio/whatsapp";
        post("/twilio/whatsapp", form, FakeTwilioApi.signature(twilio.authToken(), local, form))
                .then().statusCode(403);
        nothingHappened(sid, customer);
    }

    @Test
    @DisplayName("R5: signed with another auth token → 403, nothing stored")
    void wrongTokenIsRefused() {
        Customer customer = customer("Вера");
        String sid = newSid();
        Map<String, String> form = form(sid, customer, "Здравствуйте");
        post("/twilio/whatsapp", form, FakeTwilioApi.signature("0123456789abcdef0123456789abcdef", WEBHOOK, form))
                .then().statusCode(403);
        nothingHappened(sid, customer);
    }

    @Test
    @DisplayName("R5: no X-Twilio-Signature, or a form changed after signing → 403, nothing stored")
    void missingOrTamperedSignatureIsRefused() {
        Customer customer = customer("Глеб");
        String sid = newSid();
        Map<String, String> form = form(sid, customer, "Здравствуйте");
        post("/twilio/whatsapp", form, null).then().statusCode(403);
        String signature = FakeTwilioApi.signature(twilio.authToken(), WEBHOOK, form);
        form.put("Body", "/new");
        post("/twilio/whatsapp", form, signature).then().statusCode(403);
        nothingHappened(sid, customer);
    }

    @Test
    @DisplayName("Status callbacks are signed too: forged or unsigned → 403")
    void forgedStatusCallbackIsRefused() {
        Map<String, String> form = new LinkedHashMap<>(Map.of("MessageSid", newSid(), "MessageStatus", "failed",
                "ErrorCode", "30008", "AccountSid", FakeTwilioApi.DEFAULT_ACCOUNT_SID));
        post("/twilio/status", form, null).then().statusCode(403);
        post("/twilio/status", form, FakeTwilioApi.signature("0123456789abcdef0123456789abcdef", STATUS, form))
                .then().statusCode(403);
        post("/twilio/status", form, FakeTwilioApi.signature(twilio.authToken(), WEBHOOK, form))
                .then().statusCode(403);
        post("/twilio/status", form, FakeTwilioApi.signature(twilio.authToken(), STATUS, form))
                .then().statusCode(200);
    }

    @Test
    @DisplayName("Behind a proxy: Twilio signs the public URL, the request reaches the local port, and it is taken")
    void behindAProxyThePublicUrlCounts() {
        Customer customer = customer("Дина");
        Inbound in = twilio.customerSends(customer.phone(), "Здравствуйте", customer.name());
        customer.answersTo(in);
        WebhookPost post = twilio.webhookPosts().stream().filter(p -> p.messageSid().equals(in.messageSid()))
                .findFirst().orElseThrow();
        assertThat(post.url()).isEqualTo(WEBHOOK);
        assertThat(post.postedTo()).startsWith("http://127.0.0.1:").endsWith("/twilio/whatsapp");
        assertThat(post.httpStatus()).isEqualTo(200);
        given().when().get("/api/channel").then().statusCode(200).body("webhook", equalTo(WEBHOOK));
    }
}
