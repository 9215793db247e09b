package ru.getmark.support.whatsapp.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.whatsapp.domain.OutboundPart;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox of messages to customers (table outbound_message), one row per Twilio message. Taken like the inbox:
 * the oldest pending row of a number with nothing older pending, locked with {@code SKIP LOCKED}, so each customer's
 * messages leave in order and replicas share the numbers.
 */
@ApplicationScoped
public class OutboxRepository {

    private static final TypeReference<LinkedHashMap<String, String>> VARIABLES = new TypeReference<>() {
    };

    public static final String REPLY = "reply";
    public static final String NOTICE = "notice";

    /** A stored outbound message. */
    public record Row(long id, String waId, String purpose, String source, String ticketNumber, OutboundPart part,
                      String status, int attempts, int deliveryRetries, String twilioSid, String twilioStatus,
                      Integer errorCode) {
    }

    private final EntityManager em;

    OutboxRepository(EntityManager em) {
        this.em = em;
    }

    /** Queues a message, due at {@code due}; @return its id. */
    public long enqueue(String waId, String purpose, String source, String ticketNumber, OutboundPart part,
                        Long retryOf, int deliveryRetries, Instant now, Instant due) {
        Object id = em.createNativeQuery("""
                        INSERT INTO outbound_message (wa_id, purpose, source, ticket_number, body, content_sid,
                            content_variables, status, next_attempt_at, retry_of, delivery_retries, created_at,
                            updated_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending', ?8, ?9, ?10, ?11, ?11)
                        RETURNING id""")
                .setParameter(1, waId).setParameter(2, purpose).setParameter(3, Rows.cut(source, 300))
                .setParameter(4, ticketNumber).setParameter(5, part.body()).setParameter(6, part.contentSid())
                .setParameter(7, part.isTemplate() ? Json.toJson(part.variables()) : null)
                .setParameter(8, Rows.ts(due)).setParameter(9, retryOf).setParameter(10, deliveryRetries)
                .setParameter(11, Rows.ts(now)).getSingleResult();
        return Rows.number(id);
    }

    private static final String COLUMNS = "o.id, o.wa_id, o.purpose, o.source, o.ticket_number, o.body, "
            + "o.content_sid, o.content_variables, o.status, o.attempts, o.delivery_retries, o.twilio_sid, "
            + "o.twilio_status, o.error_code";

    /** The oldest due message of a number with nothing older pending, locked for this transaction. */
    public Optional<Row> lockNextDue(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + """
                         FROM outbound_message o
                        WHERE o.status = 'pending' AND o.next_attempt_at <= ?1
                          AND NOT EXISTS (SELECT 1 FROM outbound_message e
                                          WHERE e.wa_id = o.wa_id AND e.status = 'pending' AND e.id < o.id)
                        ORDER BY o.id
                        LIMIT 1
                        FOR UPDATE OF o SKIP LOCKED""")
                .setParameter(1, Rows.ts(now)).getResultList();
        return rows.stream().findFirst().map(OutboxRepository::row);
    }

    /** The message Twilio knows by {@code sid}, locked (status callbacks of one message one at a time). */
    public Optional<Row> lockBySid(String sid) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS
                        + " FROM outbound_message o WHERE o.twilio_sid = ?1 FOR UPDATE")
                .setParameter(1, sid).getResultList();
        return rows.stream().findFirst().map(OutboxRepository::row);
    }

    public void markSent(long id, String sid, String twilioStatus, Instant now) {
        em.createNativeQuery("UPDATE outbound_message SET status = 'sent', twilio_sid = ?2, "
                        + "twilio_status = COALESCE(twilio_status, ?3), attempts = attempts + 1, sent_at = ?4, "
                        + "updated_at = ?4 WHERE id = ?1")
                .setParameter(1, id).setParameter(2, sid).setParameter(3, twilioStatus).setParameter(4, Rows.ts(now))
                .executeUpdate();
    }

    public void reschedule(long id, int attempts, Instant next, Integer code, String message, Instant now) {
        em.createNativeQuery("UPDATE outbound_message SET attempts = ?2, next_attempt_at = ?3, error_code = ?4, "
                        + "error_message = ?5, updated_at = ?6 WHERE id = ?1")
                .setParameter(1, id).setParameter(2, attempts).setParameter(3, Rows.ts(next)).setParameter(4, code)
                .setParameter(5, Rows.cut(message, 1000)).setParameter(6, Rows.ts(now)).executeUpdate();
    }

    /** Given up before Twilio took it (a refused call, or the retries spent). */
    public void markFailed(long id, int attempts, Integer code, String message, Instant now) {
        em.createNativeQuery("UPDATE outbound_message SET status = 'failed', attempts = ?2, error_code = ?3, "
                        + "error_message = ?4, updated_at = ?5 WHERE id = ?1")
                .setParameter(1, id).setParameter(2, attempts).setParameter(3, code)
                .setParameter(4, Rows.cut(message, 1000)).setParameter(5, Rows.ts(now)).executeUpdate();
    }

    /** A delivery status reported by Twilio. */
    public void recordStatus(long id, String twilioStatus, Integer code, String message, Instant now) {
        em.createNativeQuery("UPDATE outbound_message SET twilio_status = ?2, error_code = COALESCE(?3, error_code), "
                        + "error_message = COALESCE(?4, error_message), updated_at = ?5 WHERE id = ?1")
                .setParameter(1, id).setParameter(2, twilioStatus).setParameter(3, code)
                .setParameter(4, Rows.cut(message, 1000)).setParameter(5, Rows.ts(now)).executeUpdate();
    }

    /** Every status callback, as history. */
    public void logStatus(String sid, String status, Integer code, Instant now) {
        em.createNativeQuery("INSERT INTO delivery_status (twilio_sid, status, error_code, received_at) "
                        + "VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, sid).setParameter(2, Rows.cut(status, 20)).setParameter(3, code)
                .setParameter(4, Rows.ts(now)).executeUpdate();
    }

    /** Drops the still pending parts of a notice (it goes out another way now). @return how many */
    public int cancelPending(String source) {
        return em.createNativeQuery("UPDATE outbound_message SET status = 'cancelled' "
                        + "WHERE source = ?1 AND purpose = 'notice' AND status = 'pending'")
                .setParameter(1, source).executeUpdate();
    }

    /** The messages of one source (inbound MessageSid or noticeId), oldest first. */
    public List<Row> bySource(String source) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS
                        + " FROM outbound_message o WHERE o.source = ?1 ORDER BY o.id")
                .setParameter(1, source).getResultList();
        return rows.stream().map(OutboxRepository::row).toList();
    }

    /** Forgets messages and statuses done with long ago. @return rows deleted */
    public int deleteDoneBefore(Instant cutoff) {
        int statuses = em.createNativeQuery("DELETE FROM delivery_status WHERE received_at < ?1")
                .setParameter(1, Rows.ts(cutoff)).executeUpdate();
        int messages = em.createNativeQuery("DELETE FROM outbound_message WHERE status <> 'pending' "
                        + "AND updated_at < ?1")
                .setParameter(1, Rows.ts(cutoff)).executeUpdate();
        return statuses + messages;
    }

    /** Messages waiting to be sent (the backlog metric). */
    public long pending() {
        return Rows.number(em.createNativeQuery("SELECT count(*) FROM outbound_message WHERE status = 'pending'")
                .getSingleResult());
    }

    private static Row row(Object[] r) {
        String body = (String) r[5];
        String contentSid = (String) r[6];
        OutboundPart part = contentSid != null ? OutboundPart.template(contentSid, variables((String) r[7]))
                : OutboundPart.text(body);
        return new Row(Rows.number(r[0]), (String) r[1], (String) r[2], (String) r[3], (String) r[4], part,
                (String) r[8], Rows.integer(r[9]), Rows.integer(r[10]), (String) r[11], (String) r[12],
                Rows.nullableInteger(r[13]));
    }

    private static Map<String, String> variables(String json) {
        try {
            return json == null ? Map.of() : Json.MAPPER.readValue(json, VARIABLES);
        } catch (IOException e) {
            return Map.of();
        }
    }
}
