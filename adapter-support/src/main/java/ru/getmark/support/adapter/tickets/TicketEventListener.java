package ru.getmark.support.adapter.tickets;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import ru.getmark.support.common.event.TicketEvent;

/**
 * Feeds the adapter's {@link TicketEventSink} from getmark.ticket-events.v1. Each adapter configures the incoming
 * channel {@code ticket-events} in its application.properties with its own consumer group (its service name), common's
 * {@code TicketEventDeserializer}, {@code fail-on-deserialization-failure=false} and the dead-letter queue
 * {@code getmark.ticket-events.v1.dlq}: an unreadable event (null here) or one that cannot be applied goes there, and
 * consumption goes on.
 * <p>
 * On in every adapter unless the build property {@value #ENABLED} is {@code false} (intake-phone: it reads no ticket
 * events and has no such channel).
 */
@ApplicationScoped
@IfBuildProperty(name = TicketEventListener.ENABLED, stringValue = "true", enableIfMissing = true)
public class TicketEventListener {

    /** Build property: false leaves the consumer out (an adapter that needs nothing about tickets). */
    public static final String ENABLED = "getmark.ticket-events.enabled";

    private final TicketEventSink sink;

    TicketEventListener(TicketEventSink sink) {
        this.sink = sink;
    }

    @Incoming("ticket-events")
    @Blocking
    public void onEvent(TicketEvent event) {
        if (event == null) {
            throw new IllegalArgumentException("unreadable ticket event");
        }
        sink.apply(event);
    }
}
