package ru.getmark.support.notifier.domain;

/**
 * A rendered notice about to be recorded in {@code notice_delivery}: one notice of one event to one recipient on one
 * medium, with what to send and the event as it came (for the DLQ).
 *
 * @param eventId      the event's id (first part of the once-only key)
 * @param kind         the notice
 * @param medium       email, chat or the duty chat
 * @param recipient    the address on that medium
 * @param ticketNumber the ticket (the workers keep one ticket's notices in order per medium)
 * @param noticeId     the email's Message-ID or the chat notice's noticeId
 * @param payloadJson  the rendered EmailNotice or ChannelNotice as JSON
 * @param eventJson    the event as it came from Kafka
 */
public record NewDelivery(String eventId, NoticeKind kind, Medium medium, String recipient, String ticketNumber,
                          String noticeId, String payloadJson, String eventJson) {
}
