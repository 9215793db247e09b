package ru.getmark.support.ticket.rest;

import com.fasterxml.jackson.databind.JsonNode;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.ticket.service.TicketQueryService;

import java.time.Instant;
import java.util.List;

/** A ticket's full history (R8): status changes, actions, the clock's pauses (R9) and the events announced. */
public record HistoryView(String number, List<StatusChange> statusChanges, List<Action> actions,
                          List<Pause> pauses, List<Event> events) {

    public record StatusChange(TicketStatus from, TicketStatus to, String toLabel, String by, Instant at,
                               String reason) {
    }

    public record Action(String action, String actor, Instant at, String reason, String details) {
    }

    public record Pause(TicketStatus status, Instant startedAt, Instant endedAt) {
    }

    /** An event as written to the outbox; {@code publishedAt} null while not yet on Kafka. */
    public record Event(String eventId, String type, Instant occurredAt, Instant publishedAt, JsonNode data) {
    }

    static HistoryView of(TicketQueryService.History h) {
        return new HistoryView(h.ticket().number,
                h.statusChanges().stream().map(c -> new StatusChange(c.fromStatus, c.toStatus, c.toStatus.label(),
                        c.changedBy, c.changedAt, c.reason)).toList(),
                h.actions().stream().map(a -> new Action(a.action, a.actor, a.actedAt, a.reason, a.details)).toList(),
                h.pauses().stream().map(p -> new Pause(p.status, p.startedAt, p.endedAt)).toList(),
                h.events().stream().map(e -> new Event(e.eventId, e.eventType, e.createdAt, e.publishedAt,
                        data(e.payload))).toList());
    }

    private static JsonNode data(String payload) {
        try {
            return Json.MAPPER.readTree(payload).get("data");
        } catch (Exception e) {
            return null;
        }
    }
}
