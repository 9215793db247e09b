package ru.getmark.support.whatsapp.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.whatsapp.config.PublicEndpoints;
import ru.getmark.support.whatsapp.config.WhatsAppConfig;
import ru.getmark.support.whatsapp.domain.OutboundPart;

/**
 * Sends one WhatsApp message through the Twilio REST API with the SDK ({@code Message.creator(...).create(client)}),
 * from GetMark's sender, with the status callback, and says what became of it. One call, no retry loop here: the
 * outbox retries with backoff and keeps the order per customer.
 */
@ApplicationScoped
public class TwilioMessages {

    private final TwilioRestClient client;
    private final WhatsAppConfig config;
    private final PublicEndpoints endpoints;

    TwilioMessages(TwilioRestClient client, WhatsAppConfig config, PublicEndpoints endpoints) {
        this.client = client;
        this.config = config;
        this.endpoints = endpoints;
    }

    /** @param waId the customer's WhatsApp id (digits) */
    public SendResult send(String waId, OutboundPart part) {
        PhoneNumber to = new PhoneNumber("whatsapp:+" + waId);
        PhoneNumber from = new PhoneNumber(config.sender());
        MessageCreator creator = Message.creator(to, from, part.isTemplate() ? (String) null : part.body());
        if (part.isTemplate()) {
            creator.setContentSid(part.contentSid());
            if (!part.variables().isEmpty()) {
                creator.setContentVariables(Json.toJson(part.variables()));
            }
        }
        if (config.outbox().statusCallbacks()) {
            creator.setStatusCallback(endpoints.statusUrl());
        }
        try {
            Message message = creator.create(client);
            return new SendResult.Accepted(message.getSid(),
                    message.getStatus() == null ? "queued" : message.getStatus().toString());
        } catch (ApiConnectionException e) {
            return new SendResult.RetryLater(null, null, "no answer from Twilio: " + e.getMessage());
        } catch (ApiException e) {
            return classify(e.getStatusCode(), e.getCode(), e.getMessage());
        } catch (RuntimeException e) {
            // the SDK wraps I/O errors in ApiException; anything else here is a network-level surprise as well
            return new SendResult.RetryLater(null, null, e.toString());
        }
    }

    /**
     * 429 and 5xx: Twilio's "may retry"; 401/403: the credentials are being rotated or fixed, so the messages wait for
     * them instead of being thrown away; no status at all: a network error. Every other 4xx fails the same way again.
     */
    static SendResult classify(Integer status, Integer code, String message) {
        if (status == null || status == 429 || status >= 500 || status == 401 || status == 403) {
            return new SendResult.RetryLater(status, code, message);
        }
        return new SendResult.Rejected(status, code, message);
    }
}
