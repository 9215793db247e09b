package ru.getmark.support.whatsapp.rest;

import com.twilio.twiml.MessagingResponse;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import ru.getmark.support.whatsapp.config.PublicEndpoints;
import ru.getmark.support.whatsapp.domain.Masking;
import ru.getmark.support.whatsapp.domain.WhatsAppInbound;
import ru.getmark.support.whatsapp.service.DeliveryStatusService;
import ru.getmark.support.whatsapp.service.InboxService;
import ru.getmark.support.whatsapp.service.WhatsAppMetrics;
import ru.getmark.support.whatsapp.twilio.FormBody;
import ru.getmark.support.whatsapp.twilio.SignatureVerifier;

import java.util.Map;
import java.util.Optional;

/**
 * Twilio's way in (the k8s Ingress routes /twilio to this service). Both endpoints are signed: the
 * {@code X-Twilio-Signature} of the form, for the public URL configured here, with the account's auth token; missing
 * or wrong → 403 and nothing is stored or published. The inbound webhook only stores the message and answers an empty
 * TwiML {@code <Response/>} at once (the replies go out through the REST API); Twilio does not redeliver a WhatsApp
 * webhook that failed, so nothing here waits for Kafka.
 */
@Path("/twilio")
public class TwilioWebhookResource {

    private static final String EMPTY_TWIML = new MessagingResponse.Builder().build().toXml();

    private final SignatureVerifier signatures;
    private final PublicEndpoints endpoints;
    private final InboxService inbox;
    private final DeliveryStatusService statuses;
    private final WhatsAppMetrics metrics;

    TwilioWebhookResource(SignatureVerifier signatures, PublicEndpoints endpoints, InboxService inbox,
                          DeliveryStatusService statuses, WhatsAppMetrics metrics) {
        this.signatures = signatures;
        this.endpoints = endpoints;
        this.inbox = inbox;
        this.statuses = statuses;
        this.metrics = metrics;
    }

    @POST
    @Path("/whatsapp")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_XML)
    @Blocking
    @Operation(summary = "Twilio WhatsApp inbound webhook (\"A message comes in\"), signed with X-Twilio-Signature")
    @APIResponse(responseCode = "200", description = "Stored (or stored before): empty TwiML")
    @APIResponse(responseCode = "403", description = "Missing or wrong signature: nothing stored")
    public Response inbound(@HeaderParam(SignatureVerifier.HEADER) String signature, @Context UriInfo uri,
                            String body) {
        Map<String, String> form = FormBody.parse(body);
        if (!signatures.valid(endpoints.webhookUrl(), uri.getRequestUri().getRawQuery(), form, signature)) {
            metrics.webhook("whatsapp", "forbidden");
            Log.warnf("WhatsApp webhook with a %s signature refused (403); signatures are checked against %s",
                    signature == null ? "missing" : "wrong", endpoints.webhookUrl());
            return Response.status(Response.Status.FORBIDDEN).build();
        }
        Optional<WhatsAppInbound> message = WhatsAppInbound.parse(form);
        if (message.isEmpty()) {
            metrics.webhook("whatsapp", "unreadable");
            Log.warnf("Signed webhook without a MessageSid or a WhatsApp sender (fields %s): not a WhatsApp message",
                    form.keySet());
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        WhatsAppInbound m = message.get();
        try {
            boolean stored = inbox.accept(m, form);
            metrics.webhook("whatsapp", stored ? "stored" : "duplicate");
            if (stored) {
                Log.debugf("WhatsApp %s from %s stored", m.messageSid(), Masking.waId(m.waId()));
            } else {
                Log.infof("WhatsApp %s from %s delivered again: stored once (R5)", m.messageSid(),
                        Masking.waId(m.waId()));
            }
        } catch (RuntimeException e) {
            metrics.webhook("whatsapp", "error");
            Log.errorf(e, "WhatsApp %s from %s could not be stored: answering 503 (Twilio then tries the fallback "
                    + "URL, when one is configured)", m.messageSid(), Masking.waId(m.waId()));
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).build();
        }
        return Response.ok(EMPTY_TWIML, MediaType.TEXT_XML).build();
    }

    @POST
    @Path("/status")
    @Consumes(MediaType.WILDCARD)
    @Blocking
    @Operation(summary = "Twilio message status callback (StatusCallback of the messages sent), signed")
    @APIResponse(responseCode = "200", description = "Recorded")
    @APIResponse(responseCode = "403", description = "Missing or wrong signature: nothing recorded")
    public Response status(@HeaderParam(SignatureVerifier.HEADER) String signature, @Context UriInfo uri,
                           String body) {
        Map<String, String> form = FormBody.parse(body);
        if (!signatures.valid(endpoints.statusUrl(), uri.getRequestUri().getRawQuery(), form, signature)) {
            metrics.webhook("status", "forbidden");
            Log.warnf("Status callback with a %s signature refused (403); signatures are checked against %s",
                    signature == null ? "missing" : "wrong", endpoints.statusUrl());
            return Response.status(Response.Status.FORBIDDEN).build();
        }
        statuses.record(form);
        metrics.webhook("status", "recorded");
        return Response.ok().build();
    }
}
