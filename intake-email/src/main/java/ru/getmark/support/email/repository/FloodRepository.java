package ru.getmark.support.email.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;

/** The flood guard's memory: which sender sent which message when (table sender_message). */
@ApplicationScoped
public class FloodRepository {

    private final EntityManager em;

    FloodRepository(EntityManager em) {
        this.em = em;
    }

    /** Records a message of a sender; a message already recorded (read again) is not counted twice. */
    public void record(String senderHash, String messageId, Instant receivedAt) {
        em.createNativeQuery("""
                        INSERT INTO sender_message (sender_hash, message_id, received_at) VALUES (?1, ?2, ?3)
                        ON CONFLICT (sender_hash, message_id) DO NOTHING""")
                .setParameter(1, senderHash)
                .setParameter(2, messageId)
                .setParameter(3, receivedAt)
                .executeUpdate();
    }

    /**
     * How many messages of the sender, handled before this one (an earlier place in the sender's order), arrived
     * after {@code from}. The same message always gets the same answer, also when it is read again.
     */
    public long countEarlier(String senderHash, String messageId, Instant from) {
        return ((Number) em.createNativeQuery("""
                        SELECT count(*) FROM sender_message earlier
                        WHERE earlier.sender_hash = ?1 AND earlier.received_at > ?2
                          AND earlier.seq < (SELECT seq FROM sender_message WHERE sender_hash = ?1 AND message_id = ?3)""")
                .setParameter(1, senderHash)
                .setParameter(2, from)
                .setParameter(3, messageId)
                .getSingleResult()).longValue();
    }

    /** Forgets messages older than {@code before}. */
    public int purge(Instant before) {
        return em.createNativeQuery("DELETE FROM sender_message WHERE received_at < ?1")
                .setParameter(1, before)
                .executeUpdate();
    }
}
