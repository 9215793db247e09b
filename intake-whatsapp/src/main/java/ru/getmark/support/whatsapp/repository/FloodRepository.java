package ru.getmark.support.whatsapp.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Inputs per WhatsApp number and fixed window, shared by the replicas. */
@ApplicationScoped
public class FloodRepository {

    /** The count after this input, and whether the chat was already told to slow down in this window. */
    public record Count(int inputs, boolean warned) {
    }

    private final EntityManager em;

    FloodRepository(EntityManager em) {
        this.em = em;
    }

    public Count increment(String waId, Instant windowStart) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("INSERT INTO chat_flood (wa_id, window_start, inputs) "
                        + "VALUES (?1, ?2, 1) ON CONFLICT (wa_id, window_start) "
                        + "DO UPDATE SET inputs = chat_flood.inputs + 1 RETURNING inputs, warned")
                .setParameter(1, waId).setParameter(2, Timestamp.from(windowStart)).getResultList();
        Object[] r = rows.get(0);
        return new Count(((Number) r[0]).intValue(), (Boolean) r[1]);
    }

    public void markWarned(String waId, Instant windowStart) {
        em.createNativeQuery("UPDATE chat_flood SET warned = TRUE WHERE wa_id = ?1 AND window_start = ?2")
                .setParameter(1, waId).setParameter(2, Timestamp.from(windowStart)).executeUpdate();
    }

    public int deleteBefore(Instant cutoff) {
        return em.createNativeQuery("DELETE FROM chat_flood WHERE window_start < ?1")
                .setParameter(1, Timestamp.from(cutoff)).executeUpdate();
    }
}
