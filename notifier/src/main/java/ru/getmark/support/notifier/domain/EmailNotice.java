package ru.getmark.support.notifier.domain;

import java.util.Objects;

/**
 * One rendered email, ready to send: what the once-only delivery needs to claim it, send it and record it.
 *
 * @param eventId       the TicketEvent that caused it (with {@code kind}, the once-only key)
 * @param kind          which notice
 * @param ticketNumber  the ticket's number
 * @param recipient     the customer's address
 * @param recipientName the customer's name or company, for the To header
 * @param subject       subject, with {@code № <number>}
 * @param text          the text/plain body, the regulation's wording
 * @param html          the text/html alternative of the same words
 * @param messageId     the stable Message-ID, with angle brackets
 */
public record EmailNotice(
        String eventId,
        NoticeKind kind,
        String ticketNumber,
        String recipient,
        String recipientName,
        String subject,
        String text,
        String html,
        String messageId) {

    public EmailNotice {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ticketNumber, "ticketNumber");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(messageId, "messageId");
    }
}
