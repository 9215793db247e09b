package ru.getmark.support.whatsapp.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketSnapshot;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.whatsapp.repository.ChatTicketRepository;

import java.time.Clock;

/**
 * The WhatsApp customers' tickets for /status and "does this message belong to ticket N?", projected from
 * getmark.ticket-events.v1 (consumer group intake-whatsapp), as intake-telegram does for its chats:
 * Kafka is the only link to ticket-service, and the dialogue must not wait for it. Every event carries the ticket's
 * snapshot, so each upserts the row (an older event never overwrites a newer one). A ticket whose solution was given is
 * still open (awaiting confirmation) until it is closed for good or reopened, whatever events come in between.
 */
@ApplicationScoped
public class TicketProjection {

    private final ChatTicketRepository tickets;
    private final Clock clock;

    TicketProjection(ChatTicketRepository tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    @Transactional
    public void apply(TicketEvent event) {
        TicketSnapshot ticket = event.ticket();
        if (ticket.number() == null || ticket.number().isBlank()) {
            Log.warnf("Ticket event %s has no ticket number: skipped", event.eventId());
            return;
        }
        String waId = ticket.customer() == null ? null : waId(ticket.customer().whatsappId());
        TicketStatus status = ticket.status();
        boolean awaitingAnswer = status == TicketStatus.AWAITING_USER
                && event.type() != TicketEventType.SOLUTION_PROVIDED;
        ChatTicketRepository.Confirmation confirmation = confirmation(event.type(), status);
        boolean closed = (status == TicketStatus.CLOSED || status == TicketStatus.REFUSED)
                && confirmation != ChatTicketRepository.Confirmation.AWAITING;
        ChatTicketRepository.Row row = new ChatTicketRepository.Row(ticket.number(), waId,
                status == null ? "unknown" : status.name().toLowerCase(java.util.Locale.ROOT),
                status == null ? "" : status.label(),
                ticket.deadlines() == null ? null : ticket.deadlines().resolution(),
                awaitingAnswer, confirmation, closed, event.occurredAt());
        boolean changed = tickets.upsert(row, clock.instant());
        Log.debugf("Ticket %s: event %s (%s) %s", row.number(), event.eventId(), event.type(),
                changed ? "applied" : "older than what is known");
    }

    /** The WaId as this service keys it (digits), whatever form the snapshot carries it in. */
    static String waId(String whatsappId) {
        if (whatsappId == null) {
            return null;
        }
        String digits = whatsappId.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? null : digits;
    }

    /**
     * Whether a solution waits for the customer's confirmation (R12). ticket-service moves a solved ticket to Закрытое
     * with its confirmation window open (solution_provided) and only a final close (closed: confirmed, auto-closed),
     * a refusal, or a reopening (reopened, solution_rejected, or any status other than Закрытое) ends that window. Every
     * other event of a ticket in Закрытое (rated, deadline_changed, sla_*, assigned, ...) keeps what is known: its
     * snapshot alone cannot tell a solved ticket from one closed for good.
     */
    static ChatTicketRepository.Confirmation confirmation(TicketEventType type, TicketStatus status) {
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
