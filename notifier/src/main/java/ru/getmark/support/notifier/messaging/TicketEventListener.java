package ru.getmark.support.notifier.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.notifier.service.DeliveryWorker;
import ru.getmark.support.notifier.service.NotificationService;

/**
 * Consumes {@code getmark.ticket-events.v1} (group {@code notifier}, manual commits, from the earliest offset) and
 * sends nothing itself: it records the event's notices in the delivery table in one transaction, wakes the delivery
 * workers and returns, and the offset is committed. Sending, retrying and parking happen in {@link DeliveryWorker},
 * so a mail server that is down never holds the consumer, and one ticket's failing address never holds another's.
 * <ul>
 *   <li>A value that is not a readable TicketEvent goes to {@code getmark.ticket-events.v1.dlq} as it came, by the
 *       connector ({@code fail-on-deserialization-failure=false}), and the consumer carries on.</li>
 *   <li>A type this build does not know (read as {@code unknown}) and types without a notice are skipped; unknown
 *       JSON fields are ignored by the contract's mapper.</li>
 *   <li>When recording fails (the database is unavailable), the method throws and the connector's
 *       {@code dead-letter-queue} strategy parks the event on the same DLQ; replaying it later is safe, since
 *       recording is once-only.</li>
 * </ul>
 * Blocking and ordered: one partition's events (one ticket's) are recorded in order, which is the order the workers
 * send them in.
 */
@ApplicationScoped
public class TicketEventListener {

    private final NotificationService notifications;
    private final DeliveryWorker worker;

    public TicketEventListener(NotificationService notifications, DeliveryWorker worker) {
        this.notifications = notifications;
        this.worker = worker;
    }

    @Incoming("ticket-events")
    @Blocking
    public void onEvent(ReceivedTicketEvent received) {
        if (received == null) {
            Log.debug("Empty ticket event (tombstone or unreadable value); skipped");
            return;
        }
        TicketEvent event = received.event();
        if (event.type() == TicketEventType.UNKNOWN) {
            Log.infof("Event %s of ticket %s has type '%s', which this notifier does not know; skipped",
                    event.eventId(), event.key(), rawType(received.json()));
            return;
        }
        if (notifications.record(event, received.json()) > 0) {
            worker.wake();
        }
    }

    private static String rawType(String json) {
        try {
            JsonNode type = Json.MAPPER.readTree(json).path("type");
            String text = type.asText("?");
            return text.length() > 50 ? text.substring(0, 50) + "…" : text;
        } catch (Exception e) {
            return "?";
        }
    }
}
