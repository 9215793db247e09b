package ru.getmark.support.notifier.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.notifier.domain.NoticeKind;

import java.util.List;

/**
 * Turns a ticket event into the notices R20 asks for and delivers each of them once. Each notice is its own
 * transaction ({@link EmailDeliveryService#deliverOnce}), so that when an event produces several notices and one
 * fails, the ones already sent stay recorded and are not sent again on redelivery.
 */
@ApplicationScoped
public class NotificationService {

    private final NoticeRenderer renderer;
    private final EmailDeliveryService emails;
    private final NoticeMetrics metrics;

    public NotificationService(NoticeRenderer renderer, EmailDeliveryService emails, NoticeMetrics metrics) {
        this.renderer = renderer;
        this.emails = emails;
        this.metrics = metrics;
    }

    /**
     * Handles one event.
     *
     * @return how many notices were sent now (0 for an event without notices, a customer without email or a
     * redelivery)
     */
    public int handle(TicketEvent event) {
        List<NoticeKind> kinds = NoticeKind.forEvent(event.type(), event.data());
        if (kinds.isEmpty()) {
            Log.debugf("No notice for event %s of type %s (ticket %s); skipped", event.eventId(), event.type(),
                    event.key());
            return 0;
        }
        int sent = 0;
        for (NoticeKind kind : kinds) {
            String email = emailOf(event.ticket().customer());
            if (email == null) {
                // Chat notices for customers who came through Telegram/WhatsApp are the next step (issue 4).
                metrics.skipped(kind, "no_email");
                Log.infof("Ticket %s: the customer has no email; notice %s of event %s not emailed",
                        event.key(), kind.code(), event.eventId());
                continue;
            }
            if (emails.deliverOnce(renderer.email(kind, event, email))) {
                sent++;
            }
        }
        return sent;
    }

    private static String emailOf(CustomerContact customer) {
        if (customer == null || customer.email() == null || customer.email().isBlank()) {
            return null;
        }
        return customer.email().strip();
    }
}
