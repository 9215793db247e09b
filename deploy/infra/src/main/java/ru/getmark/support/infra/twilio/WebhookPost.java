package ru.getmark.support.infra.twilio;

import java.time.Instant;

/**
 * One POST of a customer's message to the inbound webhook: the signed URL, where it went (differs behind a
 * {@code route}), the service's HTTP status (-1: unreachable or timed out) and whether it was a redelivery.
 */
public record WebhookPost(String messageSid, String url, String postedTo, int httpStatus, boolean redelivery,
        Instant at) {
}
