package ru.getmark.support.whatsapp.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import ru.getmark.support.common.dialog.DialogueContext;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** The WhatsApp customers' tickets, projected from getmark.ticket-events.v1. */
@ApplicationScoped
public class ChatTicketRepository {

    /** One ticket as the projection keeps it. */
    public record Row(String number, String waId, String status, String statusLabel, Instant deadline,
                      boolean awaitingAnswer, Confirmation confirmation, boolean closed, Instant lastEventAt) {
    }

    /**
     * What an event says about the solution's confirmation window: opened, ended, or nothing (keep the stored flag;
     * while it is set, a ticket in Закрытое stays open for the chat).
     */
    public enum Confirmation {
        AWAITING, NOT_AWAITING, UNCHANGED
    }

    private final EntityManager em;

    ChatTicketRepository(EntityManager em) {
        this.em = em;
    }

    /** Upserts the row unless a newer event was applied already; @return whether it changed. */
    public boolean upsert(Row row, Instant now) {
        return em.createNativeQuery("INSERT INTO chat_ticket (number, wa_id, status, status_label, deadline, "
                        + "awaiting_answer, awaiting_confirmation, closed, last_event_at, updated_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (number) DO UPDATE SET "
                        + "wa_id = COALESCE(EXCLUDED.wa_id, chat_ticket.wa_id), status = EXCLUDED.status, "
                        + "status_label = EXCLUDED.status_label, deadline = EXCLUDED.deadline, "
                        + "awaiting_answer = EXCLUDED.awaiting_answer, "
                        + "awaiting_confirmation = CASE WHEN ?11 THEN chat_ticket.awaiting_confirmation "
                        + "ELSE EXCLUDED.awaiting_confirmation END, "
                        + "closed = CASE WHEN ?11 THEN EXCLUDED.closed AND NOT chat_ticket.awaiting_confirmation "
                        + "ELSE EXCLUDED.closed END, "
                        + "last_event_at = EXCLUDED.last_event_at, updated_at = EXCLUDED.updated_at "
                        + "WHERE chat_ticket.last_event_at <= EXCLUDED.last_event_at")
                .setParameter(1, row.number()).setParameter(2, row.waId()).setParameter(3, row.status())
                .setParameter(4, row.statusLabel())
                .setParameter(5, row.deadline() == null ? null : Timestamp.from(row.deadline()))
                .setParameter(6, row.awaitingAnswer())
                .setParameter(7, row.confirmation() == Confirmation.AWAITING)
                .setParameter(8, row.closed()).setParameter(9, Timestamp.from(row.lastEventAt()))
                .setParameter(10, Timestamp.from(now))
                .setParameter(11, row.confirmation() == Confirmation.UNCHANGED).executeUpdate() == 1;
    }

    /** The number's open tickets, newest first. */
    public List<DialogueContext.OpenTicket> openTickets(String waId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT number, status_label, deadline, awaiting_answer, "
                        + "awaiting_confirmation FROM chat_ticket WHERE wa_id = ?1 AND NOT closed "
                        + "ORDER BY last_event_at DESC, number DESC LIMIT 20")
                .setParameter(1, waId).getResultList();
        return rows.stream().map(r -> new DialogueContext.OpenTicket((String) r[0], (String) r[1],
                toInstant(r[2]), (Boolean) r[3], (Boolean) r[4])).toList();
    }

    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return Instant.parse(value.toString());
    }
}
