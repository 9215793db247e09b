package ru.getmark.support.email.domain;

/**
 * What a bounce says (a {@code multipart/report; report-type=delivery-status} message, RFC 3464, or a recognisable
 * non-standard bounce).
 *
 * @param originalMessageId  Message-ID of the message that bounced (from the returned headers), or null
 * @param originalReferences In-Reply-To and References of the message that bounced, joined, or null
 * @param recipient          the final recipient that failed, or null
 * @param status             the DSN status ("5.1.1"), or null
 * @param diagnostic         the diagnostic code / human text, short
 */
public record DeliveryReport(String originalMessageId, String originalReferences, String recipient, String status,
                             String diagnostic) {
}
