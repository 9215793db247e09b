package ru.getmark.support.email.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** The auto-reply queue. */
@ApplicationScoped
public class AutoReplyRepository implements PanacheRepository<AutoReply> {

    /**
     * Queues a reply unless one with the same key exists (sent, pending or given up): the once-only rule.
     *
     * @return whether it was queued now
     */
    public boolean queue(AutoReply reply) {
        return getEntityManager().createNativeQuery("""
                        INSERT INTO auto_reply (reply_key, kind, message_id, recipient, recipient_hash, subject, body,
                                                in_reply_to, references_hdr, reply_message_id, status, attempts,
                                                next_attempt_at, created_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'PENDING', 0, ?11, ?12)
                        ON CONFLICT (reply_key) DO NOTHING""")
                .setParameter(1, reply.replyKey)
                .setParameter(2, reply.kind.name())
                .setParameter(3, reply.messageId)
                .setParameter(4, reply.recipient)
                .setParameter(5, reply.recipientHash)
                .setParameter(6, reply.subject)
                .setParameter(7, reply.body)
                .setParameter(8, reply.inReplyTo)
                .setParameter(9, reply.references)
                .setParameter(10, reply.replyMessageId)
                .setParameter(11, reply.nextAttemptAt)
                .setParameter(12, reply.createdAt)
                .executeUpdate() > 0;
    }

    /** Due pending replies, locked for this transaction; another replica's sweep skips them. */
    @SuppressWarnings("unchecked")
    public List<AutoReply> lockDue(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                        SELECT * FROM auto_reply WHERE status = 'PENDING' AND next_attempt_at <= ?1
                        ORDER BY id LIMIT ?2 FOR UPDATE SKIP LOCKED""", AutoReply.class)
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
    }

    /** Whether a flood notice went (or is going) to this sender since {@code since}. */
    public boolean floodNoticeSince(String recipientHash, Instant since) {
        return count("kind = ?1 and recipientHash = ?2 and createdAt > ?3", AutoReply.Kind.FLOOD, recipientHash,
                since) > 0;
    }

    public List<AutoReply> byMessage(String messageId) {
        return list("messageId = ?1 order by id", messageId);
    }
}
