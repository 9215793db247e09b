package ru.getmark.support.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Something that happened to a ticket, published by ticket-service (through its outbox) to {@link Topics#TICKET_EVENTS}
 * with the ticket number as key. {@code eventId} is unique per event; consumers are idempotent on it.
 *
 * @param schema     always {@link #SCHEMA}
 * @param eventId    unique id of this event
 * @param type       what happened
 * @param occurredAt when it happened
 * @param ticket     the ticket right after the event
 * @param data       the event's own data
 */
public record TicketEvent(
        String schema,
        String eventId,
        TicketEventType type,
        Instant occurredAt,
        TicketSnapshot ticket,
        TicketEventData data) {

    public static final String SCHEMA = "getmark.ticket-events.v1";

    public TicketEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(ticket, "ticket");
        schema = schema == null ? SCHEMA : schema;
        data = data == null ? TicketEventData.byActor("system") : data;
    }

    /** A new event with a fresh id. */
    public static TicketEvent of(TicketEventType type, Instant occurredAt, TicketSnapshot ticket,
                                 TicketEventData data) {
        return new TicketEvent(SCHEMA, UUID.randomUUID().toString(), type, occurredAt, ticket, data);
    }

    /** The "registered" event of a newly registered ticket. */
    public static TicketEvent registered(Instant occurredAt, TicketSnapshot ticket) {
        return of(TicketEventType.REGISTERED, occurredAt, ticket, TicketEventData.byActor("system"));
    }

    /** The Kafka key: the ticket number, so one ticket's events stay in order. */
    public String key() {
        return ticket.number();
    }
}
