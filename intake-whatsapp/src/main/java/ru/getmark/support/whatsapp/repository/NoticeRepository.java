package ru.getmark.support.whatsapp.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import ru.getmark.support.common.event.ChannelAction;
import ru.getmark.support.common.event.ChannelNotice;
import ru.getmark.support.common.json.Json;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Chat notices received from getmark.channel-outbound.v1 (table chat_notice): each noticeId once, and what became of
 * it. A notice that finally failed waits here (failure_report = pending) until the failure reporter has told
 * ticket-service.
 */
@ApplicationScoped
public class NoticeRepository {

    /** Outcomes of a notice. */
    public static final String TEXT = "text";
    public static final String TEMPLATE = "template";
    public static final String LEFT_TO_EMAIL = "left_to_email";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    /** A stored notice. */
    public record Notice(String noticeId, String waId, String ticketNumber, String notice, String audience,
                         String text, List<ChannelAction> actions, String outcome, String failureDetail) {
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<List<ChannelAction>> ACTIONS =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    private final EntityManager em;

    NoticeRepository(EntityManager em) {
        this.em = em;
    }

    /** Records a notice; @return false when this noticeId was received before. */
    public boolean insert(ChannelNotice notice, String waId, String outcome, Instant now) {
        return em.createNativeQuery("""
                        INSERT INTO chat_notice (notice_id, wa_id, ticket_number, notice, audience, text, actions,
                                                 outcome, created_at, updated_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, CAST(?7 AS jsonb), ?8, ?9, ?9)
                        ON CONFLICT (notice_id) DO NOTHING""")
                .setParameter(1, notice.noticeId()).setParameter(2, waId)
                .setParameter(3, Rows.cut(notice.ticketNumber(), 50)).setParameter(4, Rows.cut(notice.notice(), 60))
                .setParameter(5, notice.audience().name().toLowerCase(java.util.Locale.ROOT))
                .setParameter(6, notice.text()).setParameter(7, Json.toJson(notice.actions()))
                .setParameter(8, outcome).setParameter(9, Rows.ts(now)).executeUpdate() == 1;
    }

    public Optional<Notice> find(String noticeId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT notice_id, wa_id, ticket_number, notice, audience, text, "
                        + "CAST(actions AS text), outcome, failure_detail FROM chat_notice WHERE notice_id = ?1")
                .setParameter(1, noticeId).getResultList();
        return rows.stream().findFirst().map(NoticeRepository::notice);
    }

    public void setOutcome(String noticeId, String outcome, Instant now) {
        em.createNativeQuery("UPDATE chat_notice SET outcome = ?2, updated_at = ?3 WHERE notice_id = ?1")
                .setParameter(1, noticeId).setParameter(2, outcome).setParameter(3, Rows.ts(now)).executeUpdate();
    }

    /** Moves the outcome on only from {@code from}; @return whether this call did (once per notice). */
    public boolean switchOutcome(String noticeId, String from, String to, Instant now) {
        return em.createNativeQuery("UPDATE chat_notice SET outcome = ?3, updated_at = ?4 "
                        + "WHERE notice_id = ?1 AND outcome = ?2")
                .setParameter(1, noticeId).setParameter(2, from).setParameter(3, to).setParameter(4, Rows.ts(now))
                .executeUpdate() == 1;
    }

    /**
     * The notice finally failed. A customer's notice about a ticket is queued for the failure report.
     *
     * @return whether this call marked it (once per notice)
     */
    public boolean markFailed(String noticeId, String detail, Instant now) {
        return em.createNativeQuery("""
                        UPDATE chat_notice SET outcome = 'failed', failure_detail = ?2, updated_at = ?3,
                          failure_report = CASE WHEN ticket_number IS NOT NULL AND audience = 'customer'
                                                THEN 'pending' ELSE NULL END
                        WHERE notice_id = ?1 AND outcome <> 'failed'""")
                .setParameter(1, noticeId).setParameter(2, Rows.cut(detail, 1000)).setParameter(3, Rows.ts(now))
                .executeUpdate() == 1;
    }

    /** The oldest failure still to report, locked for this transaction. */
    public Optional<Notice> lockNextReport() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT notice_id, wa_id, ticket_number, notice, audience, text, "
                        + "CAST(actions AS text), outcome, failure_detail FROM chat_notice "
                        + "WHERE failure_report = 'pending' ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED")
                .getResultList();
        return rows.stream().findFirst().map(NoticeRepository::notice);
    }

    public void markReported(String noticeId, Instant now) {
        em.createNativeQuery("UPDATE chat_notice SET failure_report = 'published', updated_at = ?2 "
                        + "WHERE notice_id = ?1")
                .setParameter(1, noticeId).setParameter(2, Rows.ts(now)).executeUpdate();
    }

    /** Forgets notices received long ago (never one whose failure is still to be reported). */
    public int deleteBefore(Instant cutoff) {
        return em.createNativeQuery("DELETE FROM chat_notice WHERE created_at < ?1 "
                        + "AND (failure_report IS NULL OR failure_report <> 'pending')")
                .setParameter(1, Rows.ts(cutoff)).executeUpdate();
    }

    private static Notice notice(Object[] r) {
        return new Notice((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                actions((String) r[6]), (String) r[7], (String) r[8]);
    }

    private static List<ChannelAction> actions(String json) {
        try {
            return json == null ? List.of() : Json.MAPPER.readValue(json, ACTIONS);
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
