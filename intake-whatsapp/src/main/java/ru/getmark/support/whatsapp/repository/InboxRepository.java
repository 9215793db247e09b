package ru.getmark.support.whatsapp.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import ru.getmark.support.common.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inbox of webhook messages (table inbound_message). Rows are taken one number at a time, oldest first: a row is
 * due only when no older message of the same number is still pending, and it is locked ({@code FOR UPDATE SKIP
 * LOCKED}) by the worker that handles it, so replicas share the work without ever reordering one customer's messages.
 */
@ApplicationScoped
public class InboxRepository {

    private static final TypeReference<LinkedHashMap<String, String>> FORM = new TypeReference<>() {
    };

    /** Statuses of a row. */
    public static final String PENDING = "pending";
    public static final String HANDLED = "handled";
    public static final String THROTTLED = "throttled";
    public static final String IGNORED = "ignored";
    public static final String FAILED = "failed";

    /** A message waiting to be handled. */
    public record Row(String messageSid, String waId, Map<String, String> form, Instant receivedAt, int attempts,
                      int defects) {
    }

    private final EntityManager em;

    InboxRepository(EntityManager em) {
        this.em = em;
    }

    /** Stores a webhook message; @return false when this MessageSid is stored already (a redelivery). */
    public boolean accept(String messageSid, String waId, Map<String, String> form, Instant now) {
        return em.createNativeQuery("""
                        INSERT INTO inbound_message (message_sid, wa_id, form, received_at, status, next_attempt_at)
                        VALUES (?1, ?2, CAST(?3 AS jsonb), ?4, 'pending', ?4)
                        ON CONFLICT (message_sid) DO NOTHING""")
                .setParameter(1, messageSid).setParameter(2, waId).setParameter(3, Json.toJson(form))
                .setParameter(4, Rows.ts(now)).executeUpdate() == 1;
    }

    /** The oldest due message of a number with nothing older pending, locked for this transaction. */
    public Optional<Row> lockNextDue(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT i.message_sid, i.wa_id, CAST(i.form AS text), i.received_at, i.attempts, i.defects
                        FROM inbound_message i
                        WHERE i.status = 'pending' AND i.next_attempt_at <= ?1
                          AND NOT EXISTS (SELECT 1 FROM inbound_message e
                                          WHERE e.wa_id = i.wa_id AND e.status = 'pending' AND e.seq < i.seq)
                        ORDER BY i.seq
                        LIMIT 1
                        FOR UPDATE OF i SKIP LOCKED""")
                .setParameter(1, Rows.ts(now)).getResultList();
        return rows.stream().findFirst().map(r -> new Row((String) r[0], (String) r[1], form((String) r[2]),
                Rows.instant(r[3]), Rows.integer(r[4]), Rows.integer(r[5])));
    }

    /** The message is done with (handled, throttled, ignored, or failed for good). */
    public void finish(String messageSid, String status, String error, Instant now) {
        em.createNativeQuery("UPDATE inbound_message SET status = ?2, last_error = ?3, handled_at = ?4 "
                        + "WHERE message_sid = ?1")
                .setParameter(1, messageSid).setParameter(2, status).setParameter(3, Rows.cut(error, 1000))
                .setParameter(4, Rows.ts(now)).executeUpdate();
    }

    /** Not handled now: try again at {@code next}. */
    public void retryLater(String messageSid, int attempts, int defects, Instant next, String error) {
        em.createNativeQuery("UPDATE inbound_message SET attempts = ?2, defects = ?3, next_attempt_at = ?4, "
                        + "last_error = ?5 WHERE message_sid = ?1 AND status = 'pending'")
                .setParameter(1, messageSid).setParameter(2, attempts).setParameter(3, defects)
                .setParameter(4, Rows.ts(next)).setParameter(5, Rows.cut(error, 1000)).executeUpdate();
    }

    /** What became of a message: its status, or empty when it was never stored. */
    public Optional<String> status(String messageSid) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("SELECT status FROM inbound_message WHERE message_sid = ?1")
                .setParameter(1, messageSid).getResultList();
        return rows.stream().findFirst();
    }

    /** What became of a message so far: status, attempts and the last error (ops, tests). */
    public record State(String status, int attempts, String lastError) {
    }

    public Optional<State> state(String messageSid) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT status, attempts, last_error FROM inbound_message "
                        + "WHERE message_sid = ?1")
                .setParameter(1, messageSid).getResultList();
        return rows.stream().findFirst().map(r -> new State((String) r[0], Rows.integer(r[1]), (String) r[2]));
    }

    /** Messages waiting (for the metric of the backlog). */
    public long pending() {
        return Rows.number(em.createNativeQuery("SELECT count(*) FROM inbound_message WHERE status = 'pending'")
                .getSingleResult());
    }

    /** Forgets messages done with long ago. */
    public int deleteDoneBefore(Instant cutoff) {
        return em.createNativeQuery("DELETE FROM inbound_message WHERE status <> 'pending' AND handled_at < ?1")
                .setParameter(1, Rows.ts(cutoff)).executeUpdate();
    }

    private static Map<String, String> form(String json) {
        try {
            return Json.MAPPER.readValue(json, FORM);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable stored webhook form", e);
        }
    }
}
