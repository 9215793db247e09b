package ru.getmark.support.infra.twilio;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a simulated customer sent: the {@link Inbound} fields (MessageSid, the service's answer to the last webhook
 * POST of it: status 0 while it is in flight, -1 when unreachable) plus the text as the chat shows it and the form
 * that was posted.
 */
public record CustomerMessage(String messageSid, int status, String body, String text, String messageType,
        String profileName, String buttonPayload, List<MediaFile> media, Map<String, String> params, Instant at) {

    public Inbound inbound() {
        return new Inbound(messageSid, status, body);
    }
}
