package ru.getmark.support.infra.twilio;

import java.time.Instant;
import java.util.List;

/**
 * A message the service sent to a customer through the REST API (or as a TwiML reply), as it is now.
 *
 * @param to          as given to the API, e.g. {@code whatsapp:+79161234567}
 * @param body        the text the customer sees: for a content template the template rendered with its variables
 * @param contentVariables the ContentVariables JSON as sent, or null
 * @param status      the current status: queued, sent, delivered, failed, undelivered
 * @param buttons     the quick-reply titles of its content template (empty for freeform messages)
 * @param buttonPayloads the ids (ButtonPayload) of those quick replies, same order
 * @param direction   outbound-api (REST) or outbound-reply (TwiML)
 */
public record SentMessage(String sid, String to, String from, String body, String contentSid, String contentVariables,
        List<String> mediaUrls, String statusCallback, String status, Integer errorCode, Instant createdAt,
        List<String> buttons, List<String> buttonPayloads, String errorMessage, String direction) {
}
