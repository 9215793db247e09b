package ru.getmark.support.notifier.domain;

import java.util.Objects;

/**
 * One rendered email, ready to send. Stored as JSON in {@code notice_delivery.payload} when the event is consumed
 * and sent from there, as often as it takes: so it carries everything the send needs, and nothing is rendered
 * again on a retry.
 *
 * @param eventId       the TicketEvent that caused it
 * @param kind          which notice
 * @param ticketNumber  the ticket's number
 * @param recipient     the customer's address
 * @param recipientName the customer's name or company, for the To header
 * @param subject       subject, with {@code № <number>}
 * @param text          the text/plain body, the regulation's wording
 * @param html          the text/html alternative of the same words
 * @param messageId     the stable Message-ID ({@code TicketThread.noticeId}), with angle brackets
 * @param threadRoot    the ticket's thread root ({@code TicketThread.root}): In-Reply-To and References
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
        String messageId,
        String threadRoot) {

    public EmailNotice {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ticketNumber, "ticketNumber");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(threadRoot, "threadRoot");
    }
}
