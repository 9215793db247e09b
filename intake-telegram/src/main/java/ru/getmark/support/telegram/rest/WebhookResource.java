package ru.getmark.support.telegram.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.telegram.telegrambots.meta.api.objects.Update;
import ru.getmark.support.telegram.config.TelegramConfig;
import ru.getmark.support.telegram.service.RetryLaterException;
import ru.getmark.support.telegram.service.UpdateHandler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Production's way in: Telegram POSTs each update here (the k8s Ingress routes /telegram to this service). Only with
 * the secret given in setWebhook (401 otherwise). The answer is 200 only once the update is handled, Kafka
 * acknowledgement included; 503 makes Telegram deliver it again later.
 */
@Path("/telegram/webhook")
public class WebhookResource {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final ObjectMapper UPDATES = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final UpdateHandler handler;
    private final TelegramConfig config;

    WebhookResource(UpdateHandler handler, TelegramConfig config) {
        this.handler = handler;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Blocking
    @Operation(summary = "Telegram Bot API webhook (setWebhook with secret_token)")
    public Response update(@HeaderParam(SECRET_HEADER) String secret, String body) {
        String expected = config.webhookSecret().orElse("");
        if (expected.isEmpty() || secret == null || !MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        Update update;
        try {
            update = UPDATES.readValue(body, Update.class);
        } catch (Exception e) {
            // Telegram would send the same bytes again and again: acknowledge and log.
            Log.warnf("Unreadable webhook update: %s", e.getMessage());
            return Response.ok().build();
        }
        try {
            handler.handle(update);
            return Response.ok().build();
        } catch (RetryLaterException e) {
            Log.warnf("Webhook update %d not handled yet: %s", update.getUpdateId(), e.getMessage());
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).build();
        }
    }
}
