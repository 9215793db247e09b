package ru.getmark.support.notifier.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.notifier.domain.DeliveryStatus;
import ru.getmark.support.notifier.domain.Medium;
import ru.getmark.support.notifier.domain.NoticeDelivery;
import ru.getmark.support.notifier.domain.NoticeKind;
import ru.getmark.support.notifier.domain.Recipients;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class NoticeDeliveryRepository implements PanacheRepository<NoticeDelivery> {

    /**
     * Records a rendered notice as PENDING, due now, unless the same notice of the same event to the same recipient
     * on the same medium is already there (in any status): the once-only rule. {@code ON CONFLICT DO NOTHING} makes a
     * concurrent insert of the same row (another replica after a rebalance) wait for the first transaction and then
     * do nothing, instead of failing.
     *
     * @return true when recorded now, false when it was recorded before
     */
    public boolean record(String eventId, NoticeKind kind, Medium medium, String recipient, String ticketNumber,
                          String noticeId, String payloadJson, String eventJson, Instant now) {
        int inserted = getEntityManager().createNativeQuery("""
                        INSERT INTO notice_delivery (event_id, notice, medium, recipient, recipient_key, ticket_number,
                                                     notice_id, payload, event_json, status, attempts, next_attempt_at,
                                                     created_at)
                        VALUES (:eventId, :notice, :medium, :recipient, :recipientKey, :ticketNumber, :noticeId,
                                CAST(:payload AS jsonb), CAST(:event AS jsonb), 'PENDING', 0, :now, :now)
                        ON CONFLICT (event_id, notice, medium, recipient_key) DO NOTHING""")
                .setParameter("eventId", eventId)
                .setParameter("notice", kind.code())
                .setParameter("medium", medium.name())
                .setParameter("recipient", recipient)
                .setParameter("recipientKey", Recipients.key(medium, recipient))
                .setParameter("ticketNumber", ticketNumber)
                .setParameter("noticeId", noticeId)
                .setParameter("payload", payloadJson)
                .setParameter("event", eventJson)
                .setParameter("now", now)
                .executeUpdate();
        return inserted == 1;
    }

    /**
     * Takes the oldest due PENDING delivery and locks it for this transaction, skipping rows another worker or
     * replica holds ({@code FOR UPDATE SKIP LOCKED}). A row is due only when no earlier row of the same ticket and
     * medium is still PENDING, whether due, backing off or being sent right now: a customer never gets the solution
     * before the registration, while every other ticket goes on.
     */
    @SuppressWarnings("unchecked")
    public Optional<NoticeDelivery> lockNextDue(Instant now) {
        List<NoticeDelivery> rows = getEntityManager().createNativeQuery("""
                        SELECT d.* FROM notice_delivery d
                        WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now
                          AND NOT EXISTS (SELECT 1 FROM notice_delivery e
                                          WHERE e.status = 'PENDING' AND e.ticket_number = d.ticket_number
                                            AND e.medium = d.medium AND e.id < d.id)
                        ORDER BY d.id
                        LIMIT 1
                        FOR UPDATE OF d SKIP LOCKED""", NoticeDelivery.class)
                .setParameter("now", now)
                .getResultList();
        return rows.stream().findFirst();
    }

    /** How many deliveries are waiting (due, backing off, or being sent). */
    public long countPending() {
        return count("status", DeliveryStatus.PENDING);
    }

    public List<NoticeDelivery> findByEvent(String eventId) {
        return list("eventId", eventId);
    }

    public long countByEvent(String eventId) {
        return count("eventId", eventId);
    }
}
