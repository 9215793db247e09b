package ru.getmark.support.telegram.rest;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.infra.InfraTestResource;

import static io.restassured.RestAssured.given;

/**
 * The webhook only takes updates with the secret given in setWebhook. (The Bot API is unreachable here: only updates
 * that need no answer are posted with the right secret.)
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "telegram"))
class WebhookSecretTest {

    private static final String UPDATE = "{\"update_id\": 991, \"my_chat_member\": null}";

    @Test
    @DisplayName("Webhook without the secret token: 401")
    void missingSecretIsRefused() {
        given().contentType("application/json").body(UPDATE)
                .when().post("/telegram/webhook").then().statusCode(401);
    }

    @Test
    @DisplayName("Webhook with a wrong secret token: 401")
    void wrongSecretIsRefused() {
        given().contentType("application/json").header("X-Telegram-Bot-Api-Secret-Token", "guess")
                .body(UPDATE).when().post("/telegram/webhook").then().statusCode(401);
    }

    @Test
    @DisplayName("Webhook with the right secret token: 200 once handled")
    void rightSecretIsAccepted() {
        given().contentType("application/json").header("X-Telegram-Bot-Api-Secret-Token", "test-webhook-secret")
                .body("{\"update_id\": 992}").when().post("/telegram/webhook").then().statusCode(200);
    }

    @Test
    @DisplayName("Attachments are for staff only: 401 without credentials, 404 for an unknown id")
    void attachmentsNeedStaff() {
        given().when().get("/api/attachments/00000000-0000-0000-0000-000000000000").then().statusCode(401);
        given().auth().preemptive().basic("operator", "operator")
                .when().get("/api/attachments/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }
}
