package ru.getmark.support.telegram.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Claim check: file bytes once per SHA-256, and one row per file a chat sent (the reference's id). */
@ApplicationScoped
public class AttachmentRepository {

    /** A stored file, for the staff download. */
    public record Stored(String fileName, String contentType, byte[] content) {
    }

    private final EntityManager em;

    AttachmentRepository(EntityManager em) {
        this.em = em;
    }

    public void store(UUID id, long updateId, String fileName, String contentType, byte[] content, String sha256,
                      Instant now) {
        em.createNativeQuery("INSERT INTO attachment_content (sha256, size, content, created_at) "
                        + "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (sha256) DO NOTHING")
                .setParameter(1, sha256).setParameter(2, (long) content.length).setParameter(3, content)
                .setParameter(4, Timestamp.from(now)).executeUpdate();
        em.createNativeQuery("INSERT INTO attachment (id, update_id, file_name, content_type, size, sha256, "
                        + "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO NOTHING")
                .setParameter(1, id).setParameter(2, updateId).setParameter(3, fileName)
                .setParameter(4, contentType).setParameter(5, (long) content.length).setParameter(6, sha256)
                .setParameter(7, Timestamp.from(now)).executeUpdate();
    }

    public Optional<Stored> find(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT a.file_name, a.content_type, c.content FROM attachment a "
                        + "JOIN attachment_content c ON c.sha256 = a.sha256 WHERE a.id = ?1")
                .setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(r -> new Stored((String) r[0], (String) r[1], (byte[]) r[2]));
    }
}
