package ru.getmark.support.email.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import ru.getmark.support.adapter.tickets.TicketEventSink;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketSnapshot;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.email.domain.TicketDirectory;
import ru.getmark.support.email.repository.KnownTicketRepository;
import ru.getmark.support.email.repository.KnownTicketRow;

import java.time.Clock;
import java.util.Optional;

/**
 * The {@link TicketDirectory} triage asks (is № 1042 a ticket, and is this sender its customer?), kept as a local
 * projection of getmark.ticket-events.v1: Kafka is the only link between services, and triage must not wait for
 * ticket-service. Every event carries the ticket's snapshot, so each one simply upserts the row; the email address is
 * kept only as its SHA-256. Fed by adapter-support's TicketEventListener (consumer group intake-email).
 */
@ApplicationScoped
public class TicketProjection implements TicketDirectory, TicketEventSink {

    private final KnownTicketRepository tickets;
    private final Clock clock;

    TicketProjection(KnownTicketRepository tickets, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    /** Applies one event; idempotent, and an older event never overwrites a newer one. */
    @Override
    @Transactional
    public void apply(TicketEvent event) {
        TicketSnapshot ticket = event.ticket();
        if (ticket == null || ticket.number() == null || ticket.number().isBlank()) {
            Log.warnf("Ticket event %s has no ticket number: skipped", event.eventId());
            return;
        }
        KnownTicketRow row = new KnownTicketRow();
        row.number = ticket.number();
        row.customerEmailSha256 = ticket.customer() == null ? null
                : TicketDirectory.emailSha256(ticket.customer().email());
        row.inn = ticket.inn();
        row.status = ticket.status() == null ? "unknown" : ticket.status().name().toLowerCase(java.util.Locale.ROOT);
        row.closed = ticket.status() == TicketStatus.CLOSED || ticket.status() == TicketStatus.REFUSED;
        row.lastEventAt = event.occurredAt();
        row.lastEventId = event.eventId();
        row.updatedAt = clock.instant();
        boolean changed = tickets.upsert(row);
        Log.debugf("Ticket %s: event %s (%s) %s", row.number, event.eventId(), event.type(),
                changed ? "applied" : "already applied or older");
    }

    @Override
    @Transactional
    public Optional<KnownTicket> find(String ticketNumber) {
        if (ticketNumber == null || ticketNumber.isBlank()) {
            return Optional.empty();
        }
        return tickets.findByIdOptional(ticketNumber.strip())
                .map(r -> new KnownTicket(r.number, r.customerEmailSha256, r.inn, r.closed));
    }
}
