package ru.getmark.support.notifier.messaging;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.notifier.service.NotificationService;

/**
 * Consumes {@code getmark.ticket-events.v1} (group {@code notifier}, manual commits, from the earliest offset).
 * <ul>
 *   <li>An event is acknowledged (its offset committed) only after its notices were sent and recorded.</li>
 *   <li>When sending fails the method throws, the message is nacked and the {@code dead-letter-queue} failure
 *       strategy parks it on {@code getmark.ticket-events.v1.dlq} with the (masked) reason; the consumer moves on.
 *       Nothing is recorded for it, so replaying it from the DLQ sends the notice. (Retries with backoff before the
 *       DLQ come with the reliability work of issue 4.)</li>
 *   <li>A value that is not a readable TicketEvent is sent to the same DLQ as it came, by the connector
 *       ({@code fail-on-deserialization-failure=false}), instead of stopping the consumer.</li>
 *   <li>An event type without a notice is skipped; unknown JSON fields are ignored by the contract's mapper.</li>
 * </ul>
 * Blocking and ordered: SMTP and JDBC are blocking, and one partition's events (one ticket's) stay in order.
 */
@ApplicationScoped
public class TicketEventListener {

    private final NotificationService notifications;

    public TicketEventListener(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Incoming("ticket-events")
    @Blocking
    public void onEvent(TicketEvent event) {
        if (event == null) {
            Log.debug("Empty ticket event (tombstone); skipped");
            return;
        }
        notifications.handle(event);
    }
}
