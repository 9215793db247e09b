package ru.getmark.support.ticket.domain.lifecycle;

import ru.getmark.support.common.event.TicketEventData;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * What one lifecycle step did, for the service to persist in the same transaction: the action for the history
 * (who/when/why), the status change if any (R8), and the events to publish (R20), in order.
 */
public final class Outcome {

    /** A status change: from, to, why. */
    public record StatusStep(TicketStatus from, TicketStatus to, String reason) {
    }

    /** An event to write to the outbox. */
    public record Emitted(TicketEventType type, TicketEventData data) {
    }

    private final String action;
    private final String actor;
    private final String reason;
    private final List<StatusStep> steps = new ArrayList<>();
    private final List<Emitted> events = new ArrayList<>();

    Outcome(String action, String actor, String reason) {
        this.action = action;
        this.actor = actor;
        this.reason = reason;
    }

    Outcome step(TicketStatus from, TicketStatus to, String why) {
        if (from != to) {
            steps.add(new StatusStep(from, to, why));
        }
        return this;
    }

    Outcome emit(TicketEventType type, TicketEventData data) {
        events.add(new Emitted(type, data));
        return this;
    }

    public String action() {
        return action;
    }

    public String actor() {
        return actor;
    }

    public String reason() {
        return reason;
    }

    public List<StatusStep> steps() {
        return List.copyOf(steps);
    }

    public List<Emitted> events() {
        return List.copyOf(events);
    }
}
