package ru.getmark.support.telegram.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;

/** Chat notices already delivered: each noticeId is shown once, whatever Kafka redelivers. */
@ApplicationScoped
public class NoticeRepository {

    private final EntityManager em;

    NoticeRepository(EntityManager em) {
        this.em = em;
    }

    public boolean delivered(String noticeId) {
        return !em.createNativeQuery("SELECT 1 FROM delivered_notice WHERE notice_id = ?1")
                .setParameter(1, noticeId).getResultList().isEmpty();
    }

    public void markDelivered(String noticeId, long chatId, Instant now) {
        em.createNativeQuery("INSERT INTO delivered_notice (notice_id, chat_id, delivered_at) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT (notice_id) DO NOTHING")
                .setParameter(1, noticeId).setParameter(2, chatId).setParameter(3, Timestamp.from(now))
                .executeUpdate();
    }
}
