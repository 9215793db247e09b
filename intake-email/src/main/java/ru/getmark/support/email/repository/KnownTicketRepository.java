package ru.getmark.support.email.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** The ticket projection. */
@ApplicationScoped
public class KnownTicketRepository implements PanacheRepositoryBase<KnownTicketRow, String> {

    /**
     * Inserts or updates a ticket from one event; an event older than the one applied last (a replay, a redelivery
     * after a rebalance) changes nothing, and the same event applied twice changes nothing either.
     *
     * @return whether the row changed
     */
    public boolean upsert(KnownTicketRow row) {
        return getEntityManager().createNativeQuery("""
                        INSERT INTO known_ticket (number, customer_email_sha256, inn, status, closed, last_event_at,
                                                  last_event_id, updated_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                        ON CONFLICT (number) DO UPDATE SET
                            customer_email_sha256 = EXCLUDED.customer_email_sha256, inn = EXCLUDED.inn,
                            status = EXCLUDED.status, closed = EXCLUDED.closed,
                            last_event_at = EXCLUDED.last_event_at, last_event_id = EXCLUDED.last_event_id,
                            updated_at = EXCLUDED.updated_at
                        WHERE known_ticket.last_event_at <= EXCLUDED.last_event_at
                          AND known_ticket.last_event_id <> EXCLUDED.last_event_id""")
                .setParameter(1, row.number)
                .setParameter(2, row.customerEmailSha256)
                .setParameter(3, row.inn)
                .setParameter(4, row.status)
                .setParameter(5, row.closed)
                .setParameter(6, row.lastEventAt)
                .setParameter(7, row.lastEventId)
                .setParameter(8, row.updatedAt)
                .executeUpdate() > 0;
    }
}
