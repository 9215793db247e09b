package ru.getmark.support.email.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.email.service.TicketProjection;

/**
 * Feeds the ticket projection from getmark.ticket-events.v1 (consumer group intake-email). An unreadable event goes to
 * the dead-letter topic and consumption goes on (application.properties).
 */
@ApplicationScoped
public class TicketEventListener {

    private final TicketProjection projection;

    TicketEventListener(TicketProjection projection) {
        this.projection = projection;
    }

    @Incoming("ticket-events")
    @Blocking
    public void onEvent(TicketEvent event) {
        if (event == null) {
            throw new IllegalArgumentException("unreadable ticket event");
        }
        projection.apply(event);
    }
}
