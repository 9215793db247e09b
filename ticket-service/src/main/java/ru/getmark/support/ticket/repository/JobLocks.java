package ru.getmark.support.ticket.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * PostgreSQL advisory locks that make a scheduled job run once per tick across all replicas: the replica that gets
 * the lock runs the tick, the others skip it. Transaction-scoped, so a crashed replica never keeps a lock.
 */
@ApplicationScoped
public class JobLocks {

    /** "getmark" + 1: the auto-close job (R11, R12). */
    public static final long AUTO_CLOSE = 0x6765746d61726bL + 1;
    /** "getmark" + 2: the SLA alerts job (R9). */
    public static final long SLA_ALERTS = 0x6765746d61726bL + 2;

    private final EntityManager em;

    public JobLocks(EntityManager em) {
        this.em = em;
    }

    /** Takes the lock for the current transaction; false when another replica holds it. */
    public boolean tryLock(long key) {
        Object locked = em.createNativeQuery("select pg_try_advisory_xact_lock(?1)").setParameter(1, key)
                .getSingleResult();
        return Boolean.TRUE.equals(locked);
    }

    /**
     * Records an SLA alert once per ticket, kind and deadline.
     *
     * @return true when this call recorded it (so the event must be sent), false when it was sent before
     */
    public boolean claimAlert(long ticketId, String kind, String deadlineKind, java.time.Instant deadline,
                              java.time.Instant now) {
        int inserted = em.createNativeQuery("""
                        insert into sla_alert (ticket_id, kind, deadline_kind, deadline, sent_at)
                        values (?1, ?2, ?3, ?4, ?5)
                        on conflict do nothing""")
                .setParameter(1, ticketId).setParameter(2, kind).setParameter(3, deadlineKind)
                .setParameter(4, deadline).setParameter(5, now)
                .executeUpdate();
        return inserted == 1;
    }
}
