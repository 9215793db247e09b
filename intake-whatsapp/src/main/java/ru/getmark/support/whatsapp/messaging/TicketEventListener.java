package ru.getmark.support.whatsapp.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.whatsapp.service.TicketProjection;

/**
 * Feeds the customers' ticket projection from getmark.ticket-events.v1 (consumer group intake-whatsapp). An unreadable
 * event goes to the dead-letter topic and consumption goes on.
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
