package ru.getmark.support.notifier.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.notifier.domain.EmailAddresses;
import ru.getmark.support.notifier.domain.EmailNotice;
import ru.getmark.support.notifier.domain.SentNotice;

import java.time.Instant;

@ApplicationScoped
public class SentNoticeRepository implements PanacheRepositoryBase<SentNotice, SentNotice.Key> {

    /**
     * Claims the right to send a notice: inserts its row unless one exists. Must run inside the transaction that
     * then sends. {@code ON CONFLICT DO NOTHING} makes a concurrent claim of the same notice (another replica after
     * a rebalance) wait for this transaction and then see the row, instead of failing with a constraint violation.
     *
     * @return true when this transaction claimed it (send now), false when it was sent before (send nothing)
     */
    public boolean claim(EmailNotice notice, Instant at) {
        int inserted = getEntityManager().createNativeQuery("""
                        INSERT INTO sent_notice (event_id, notice, ticket_number, recipient_hash, message_id, sent_at)
                        VALUES (:eventId, :notice, :ticketNumber, :recipientHash, :messageId, :sentAt)
                        ON CONFLICT (event_id, notice) DO NOTHING""")
                .setParameter("eventId", notice.eventId())
                .setParameter("notice", notice.kind().code())
                .setParameter("ticketNumber", notice.ticketNumber())
                .setParameter("recipientHash", EmailAddresses.hash(notice.recipient()))
                .setParameter("messageId", notice.messageId())
                .setParameter("sentAt", at)
                .executeUpdate();
        return inserted == 1;
    }

    public long countByEvent(String eventId) {
        return count("eventId", eventId);
    }
}
