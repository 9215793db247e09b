package ru.getmark.support.email.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An email as {@link EmailParser} understood it: decoded headers, the readable text of the message, its files.
 * Plain data: every decision about it is {@link EmailTriage}'s.
 *
 * @param messageId     the Message-ID header with its angle brackets, or null when the message has none
 * @param contentSha256 hex SHA-256 of the raw message bytes (the id of a message without Message-ID)
 * @param from          the sender (From), or null when unparsable
 * @param replyTo       Reply-To addresses, may be empty
 * @param to            To and Cc addresses
 * @param subject       decoded subject, "" when none
 * @param sentAt        the Date header, or null
 * @param inReplyTo     the In-Reply-To header as it came, or null
 * @param references    the References header as it came, or null
 * @param headers       every header, names lower case, values decoded, in order of appearance (loop signals:
 *                      auto-submitted, precedence, x-autoreply, x-autorespond, return-path, list-id ...)
 * @param text          the readable text of the message: text/plain, else text/html converted (scripts and
 *                      styles gone), forwarded messages' texts appended after a "Пересланное сообщение" line;
 *                      quoted history and signatures NOT trimmed yet (that is triage's)
 * @param htmlOnly      true when the text came from HTML because there was no text/plain
 * @param attachments   every file (attachments, inline images, files of forwarded messages)
 * @param report        the delivery report when the message is a bounce, else null
 * @param size          size of the raw message in bytes
 */
public record ParsedEmail(
        String messageId,
        String contentSha256,
        Mailbox from,
        List<Mailbox> replyTo,
        List<Mailbox> to,
        String subject,
        Instant sentAt,
        String inReplyTo,
        String references,
        Map<String, List<String>> headers,
        String text,
        boolean htmlOnly,
        List<ParsedAttachment> attachments,
        DeliveryReport report,
        long size) {

    /** The first value of a header (name case-insensitive), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
