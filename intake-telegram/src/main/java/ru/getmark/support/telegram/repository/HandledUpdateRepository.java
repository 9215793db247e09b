package ru.getmark.support.telegram.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Updates already handled, with the bot messages of their turn until those are sent. An update delivered again (long
 * polling after a crash, a webhook retry, two replicas) is recognised here and only its unsent replies go out.
 */
@ApplicationScoped
public class HandledUpdateRepository {

    /** A handled update: its chat, its replies (JSON array) and whether they were sent. */
    public record Handled(long updateId, Long chatId, String replies, boolean replied) {
    }

    private final EntityManager em;

    HandledUpdateRepository(EntityManager em) {
        this.em = em;
    }

    public Optional<Handled> find(long updateId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT update_id, chat_id, CAST(replies AS text), "
                        + "replied_at IS NOT NULL FROM handled_update WHERE update_id = ?1")
                .setParameter(1, updateId).getResultList();
        return rows.stream().findFirst().map(r -> new Handled(((Number) r[0]).longValue(),
                r[1] == null ? null : ((Number) r[1]).longValue(), (String) r[2], (Boolean) r[3]));
    }

    /** @return false when the update was recorded already (by another replica) */
    public boolean record(long updateId, Long chatId, String repliesJson, Instant now) {
        return em.createNativeQuery("INSERT INTO handled_update (update_id, chat_id, replies, handled_at) "
                        + "VALUES (?1, ?2, CAST(?3 AS jsonb), ?4) ON CONFLICT (update_id) DO NOTHING")
                .setParameter(1, updateId).setParameter(2, chatId).setParameter(3, repliesJson)
                .setParameter(4, Timestamp.from(now)).executeUpdate() == 1;
    }

    public void markReplied(long updateId, Instant now) {
        em.createNativeQuery("UPDATE handled_update SET replied_at = ?2 WHERE update_id = ?1")
                .setParameter(1, updateId).setParameter(2, Timestamp.from(now)).executeUpdate();
    }

    /** Forgets updates handled long ago (Telegram never redelivers them after 24 hours). */
    public int deleteOlderThan(Instant cutoff) {
        return em.createNativeQuery("DELETE FROM handled_update WHERE handled_at < ?1 AND replied_at IS NOT NULL")
                .setParameter(1, Timestamp.from(cutoff)).executeUpdate();
    }
}
