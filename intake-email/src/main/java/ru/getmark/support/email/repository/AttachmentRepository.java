package ru.getmark.support.email.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Attachment rows and their deduplicated bytes. Idempotent inserts: a message read twice changes nothing. */
@ApplicationScoped
public class AttachmentRepository implements PanacheRepositoryBase<StoredAttachment, UUID> {

    /** Stores the bytes unless a file with the same SHA-256 is there already. */
    public void storeContent(String sha256, byte[] content, Instant now) {
        getEntityManager().createNativeQuery("""
                        INSERT INTO attachment_content (sha256, size, content, created_at) VALUES (?1, ?2, ?3, ?4)
                        ON CONFLICT (sha256) DO NOTHING""")
                .setParameter(1, sha256)
                .setParameter(2, (long) content.length)
                .setParameter(3, content)
                .setParameter(4, now)
                .executeUpdate();
    }

    /** Records one file of a message unless it is recorded already (same id). */
    public void storeReference(StoredAttachment attachment) {
        getEntityManager().createNativeQuery("""
                        INSERT INTO attachment (id, message_id, position, file_name, content_type, size, sha256, inline,
                                                created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                        ON CONFLICT (id) DO NOTHING""")
                .setParameter(1, attachment.id)
                .setParameter(2, attachment.messageId)
                .setParameter(3, attachment.position)
                .setParameter(4, attachment.fileName)
                .setParameter(5, attachment.contentType)
                .setParameter(6, attachment.size)
                .setParameter(7, attachment.sha256)
                .setParameter(8, attachment.inline)
                .setParameter(9, attachment.createdAt)
                .executeUpdate();
    }

    public Optional<AttachmentContent> content(String sha256) {
        return Optional.ofNullable(getEntityManager().find(AttachmentContent.class, sha256));
    }

    public List<StoredAttachment> byMessage(String messageId) {
        return list("messageId = ?1 order by position", messageId);
    }

    public long contentCount(String sha256) {
        return getEntityManager().createQuery("select count(c) from AttachmentContent c where c.sha256 = ?1",
                Long.class).setParameter(1, sha256).getSingleResult();
    }
}
