package ru.getmark.support.email.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;

/** Leases on messages, so that replicas reading the same mailbox do not handle one message at once (message_claim). */
@ApplicationScoped
public class ClaimRepository {

    private final EntityManager em;

    ClaimRepository(EntityManager em) {
        this.em = em;
    }

    /**
     * Takes or renews the lease on a message: granted when nobody holds it, when this owner does, or when the
     * holder's lease ran out.
     */
    public boolean claim(String messageId, String owner, Instant now, Instant until) {
        return em.createNativeQuery("""
                        INSERT INTO message_claim (message_id, owner, lease_until) VALUES (?1, ?2, ?3)
                        ON CONFLICT (message_id) DO UPDATE SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until
                        WHERE message_claim.owner = EXCLUDED.owner OR message_claim.lease_until < ?4""")
                .setParameter(1, messageId)
                .setParameter(2, owner)
                .setParameter(3, until)
                .setParameter(4, now)
                .executeUpdate() > 0;
    }

    /** Forgets leases that ran out before {@code before}. */
    public int purge(Instant before) {
        return em.createNativeQuery("DELETE FROM message_claim WHERE lease_until < ?1")
                .setParameter(1, before)
                .executeUpdate();
    }
}
