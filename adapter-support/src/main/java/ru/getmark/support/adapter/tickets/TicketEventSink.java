package ru.getmark.support.adapter.tickets;

import ru.getmark.support.common.event.TicketEvent;

/**
 * Where an adapter keeps what it needs to know about tickets, fed by {@link TicketEventListener} from
 * getmark.ticket-events.v1 (Kafka is the only link to ticket-service, and an adapter must not wait for it). Each
 * adapter that consumes ticket events has exactly one: the chat adapters adapter-support's
 * {@link ru.getmark.support.adapter.chat.ChatTicketProjection}, intake-email its own ticket directory.
 */
public interface TicketEventSink {

    /**
     * Applies one event. Every event carries the ticket's snapshot, so applying is an upsert: idempotent, and an event
     * older than the one applied last changes nothing. A failure sends the event to the dead-letter topic.
     */
    void apply(TicketEvent event);
}
