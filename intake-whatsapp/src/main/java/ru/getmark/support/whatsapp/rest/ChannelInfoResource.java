package ru.getmark.support.whatsapp.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import ru.getmark.support.whatsapp.config.PublicEndpoints;
import ru.getmark.support.whatsapp.config.WhatsAppConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this adapter is and where Twilio must post: the two URLs to paste into the Twilio console (the sender's "A
 * message comes in" webhook; the status callback is requested per message). Open: nothing in it is secret.
 */
@Path("/api/channel")
public class ChannelInfoResource {

    private final WhatsAppConfig config;
    private final PublicEndpoints endpoints;

    ChannelInfoResource(WhatsAppConfig config, PublicEndpoints endpoints) {
        this.config = config;
        this.endpoints = endpoints;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> info() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("channel", "whatsapp");
        info.put("service", "intake-whatsapp");
        info.put("sender", config.sender());
        info.put("webhook", endpoints.webhookUrl());
        info.put("statusCallback", endpoints.statusUrl());
        info.put("twilioApi", config.twilio().apiUrl());
        return info;
    }
}
