package ru.getmark.support.adapter.chat;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import ru.getmark.support.adapter.tickets.TicketEventSink;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketSnapshot;
import ru.getmark.support.common.event.TicketStatus;

import java.time.Clock;
import java.util.Locale;

/**
 * The chat customers' tickets for /status and "does this message belong to ticket N?", projected from
 * getmark.ticket-events.v1 (consumer group: the adapter's name): Kafka is the only link to ticket-service, and the
 * dialogue must not wait for it. Every event carries the ticket's snapshot, so each upserts the row (an older event
 * never overwrites a newer one), under the chat key the adapter's {@link ChatKeys} derives from the ticket's customer.
 * A ticket whose solution was given is still open (awaiting confirmation) until it is closed for good or reopened,
 * whatever events come in between.
 */
@ApplicationScoped
@IfBuildProperty(name = ChatBeans.ENABLED, stringValue = "true")
public class ChatTicketProjection implements TicketEventSink {

    private final ChatTicketRepository tickets;
    private final ChatKeys keys;
    private final Clock clock;

    ChatTicketProjection(ChatTicketRepository tickets, ChatKeys keys, Clock clock) {
        this.tickets = tickets;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void apply(TicketEvent event) {
        TicketSnapshot ticket = event.ticket();
        if (ticket.number() == null || ticket.number().isBlank()) {
            Log.warnf("Ticket event %s has no ticket number: skipped", event.eventId());
            return;
        }
        String chatKey = ticket.customer() == null ? null : keys.of(ticket.customer());
        TicketStatus status = ticket.status();
        boolean awaitingAnswer = status == TicketStatus.AWAITING_USER
                && event.type() != TicketEventType.SOLUTION_PROVIDED;
        ChatTicketRepository.Confirmation confirmation = confirmation(event.type(), status);
        boolean closed = (status == TicketStatus.CLOSED || status == TicketStatus.REFUSED)
                && confirmation != ChatTicketRepository.Confirmation.AWAITING;
        ChatTicketRepository.Row row = new ChatTicketRepository.Row(ticket.number(), chatKey,
                status == null ? "unknown" : status.name().toLowerCase(Locale.ROOT),
                status == null ? "" : status.label(),
                ticket.deadlines() == null ? null : ticket.deadlines().resolution(),
                awaitingAnswer, confirmation, closed, event.occurredAt());
        boolean changed = tickets.upsert(row, clock.instant());
        Log.debugf("Ticket %s: event %s (%s) %s", row.number(), event.eventId(), event.type(),
                changed ? "applied" : "older than what is known");
    }

    /**
     * Whether a solution waits for the customer's confirmation (R12). ticket-service moves a solved ticket to Закрытое
     * with its confirmation window open (solution_provided) and only a final close (closed: confirmed, auto-closed),
     * a refusal, or a reopening (reopened, solution_rejected, or any status other than Закрытое) ends that window. Every
     * other event of a ticket in Закрытое (rated, deadline_changed, sla_*, assigned, ...) keeps what is known: its
     * snapshot alone cannot tell a solved ticket from one closed for good.
     */
    public static ChatTicketRepository.Confirmation confirmation(TicketEventType type, TicketStatus status) {
        if (type == TicketEventType.SOLUTION_PROVIDED && status == TicketStatus.CLOSED) {
            return ChatTicketRepository.Confirmation.AWAITING;
        }
        if (status != TicketStatus.CLOSED || type == TicketEventType.CLOSED || type == TicketEventType.REFUSED
                || type == TicketEventType.REOPENED || type == TicketEventType.SOLUTION_REJECTED) {
            return ChatTicketRepository.Confirmation.NOT_AWAITING;
        }
        return ChatTicketRepository.Confirmation.UNCHANGED;
    }
}
