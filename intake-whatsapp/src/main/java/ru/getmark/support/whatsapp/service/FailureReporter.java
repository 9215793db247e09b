package ru.getmark.support.whatsapp.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.adapter.kafka.IntakePublisher;
import ru.getmark.support.adapter.kafka.KafkaUnavailableException;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.whatsapp.repository.ConversationRepository;
import ru.getmark.support.whatsapp.repository.NoticeRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Tells ticket-service that a notice to the customer of a ticket could not be delivered to WhatsApp (Twilio refused
 * it or reported it failed for good), as intake-email does for bounced emails: an {@link IntakeMessage} of kind
 * {@code delivery_failure} naming the ticket, which ticket-service records in the ticket's history so that the first
 * line knows to phone the customer. Once per notice (messageId {@code whatsapp:notice-failed:<noticeId>}); Kafka
 * down → the report waits in chat_notice and is published later.
 */
@ApplicationScoped
public class FailureReporter {

    private final NoticeRepository notices;
    private final ConversationRepository conversations;
    private final IntakePublisher publisher;
    private final WhatsAppMetrics metrics;
    private final Clock clock;

    FailureReporter(NoticeRepository notices, ConversationRepository conversations, IntakePublisher publisher,
                    WhatsAppMetrics metrics, Clock clock) {
        this.notices = notices;
        this.conversations = conversations;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Publishes one pending report; @return false when there was none (or Kafka is down: try later). */
    public boolean runOnce() {
        try {
            return QuarkusTransaction.requiringNew().timeout(60).call(() -> {
                Optional<NoticeRepository.Notice> next = notices.lockNextReport();
                if (next.isEmpty()) {
                    return false;
                }
                NoticeRepository.Notice notice = next.get();
                IntakeMessage report = report(notice, conversations.find(notice.waId())
                        .map(ConversationRepository.Conversation::profileName).orElse(null), clock.instant());
                try {
                    publisher.publish(report);
                } catch (KafkaUnavailableException e) {
                    throw new RetryLaterException(e.getMessage(), e);
                }
                notices.markReported(notice.noticeId(), clock.instant());
                metrics.published("delivery_failure");
                Log.infof("Ticket %s: the WhatsApp notice %s did not reach the customer; reported as %s",
                        notice.ticketNumber(), notice.noticeId(), report.messageId());
                return true;
            });
        } catch (RuntimeException e) {
            Log.warnf("Delivery failure report not published yet: %s", e.getMessage());
            return false;
        }
    }

    static IntakeMessage report(NoticeRepository.Notice notice, String profileName, Instant now) {
        String name = profileName == null || profileName.isBlank() ? "WhatsApp +" + notice.waId() : profileName;
        String text = "Уведомление" + (notice.notice() == null ? "" : " «" + notice.notice() + "»")
                + " не доставлено в WhatsApp: " + (notice.failureDetail() == null ? "ошибка доставки"
                : notice.failureDetail());
        return new IntakeMessage(IntakeMessage.SCHEMA, "whatsapp:notice-failed:" + notice.noticeId(),
                IntakeMessage.Kind.DELIVERY_FAILURE, Channel.WHATSAPP, now, null,
                new CustomerContact(name, null, "+" + notice.waId(), null, notice.waId()), notice.ticketNumber(),
                null, null, "WhatsApp: уведомление не доставлено", text.length() > 4000 ? text.substring(0, 4000)
                : text, null, List.of(), null, null);
    }
}
