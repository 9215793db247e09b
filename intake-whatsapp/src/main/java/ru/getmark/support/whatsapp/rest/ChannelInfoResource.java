package ru.getmark.support.whatsapp.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * What this adapter is. The WhatsApp channel itself arrives in its own issue; until then the service only starts and
 * reports its health, so that the local stack and Kubernetes run all six services from day one.
 */
@Path("/api/channel")
public class ChannelInfoResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> info() {
        return Map.of("channel", "whatsapp", "service", "intake-whatsapp", "intake", "not yet enabled");
    }
}
