package ru.getmark.support.notifier.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;
import org.postgresql.util.PSQLException;
import ru.getmark.support.notifier.domain.DeliveryStatus;
import ru.getmark.support.notifier.domain.NewDelivery;
import ru.getmark.support.notifier.domain.NoticeDelivery;
import ru.getmark.support.notifier.domain.Recipients;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

@ApplicationScoped
public class NoticeDeliveryRepository implements PanacheRepository<NoticeDelivery> {

    private static final String INSERT = """
            INSERT INTO notice_delivery (event_id, notice, medium, recipient, recipient_key, ticket_number, notice_id,
                                         payload, event_json, status, attempts, next_attempt_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), 'PENDING', 0, ?, ?)
            ON CONFLICT (event_id, notice, medium, recipient_key) DO NOTHING""";

    /**
     * Records rendered notices as PENDING, due now, in the order given (row ids follow it, and a ticket's notices are
     * sent in row id order), each unless the same notice of the same event to the same recipient on the same medium
     * is already there (in any status): the once-only rule. {@code ON CONFLICT DO NOTHING} makes a concurrent insert
     * of the same row (another replica after a rebalance) wait for the first transaction and then do nothing,
     * instead of failing.
     * <p>
     * One JDBC batch: the statements go to PostgreSQL in one round trip (not rewritten into a multi-row insert, so
     * that each keeps its own update count), within the caller's transaction.
     *
     * @return for each delivery, in order: true when recorded now, false when it was recorded before
     */
    public boolean[] recordAll(List<NewDelivery> rows, Instant now) {
        if (rows.isEmpty()) {
            return new boolean[0];
        }
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (NewDelivery row : rows) {
                    insert.setString(1, row.eventId());
                    insert.setString(2, row.kind().code());
                    insert.setString(3, row.medium().name());
                    insert.setString(4, row.recipient());
                    insert.setString(5, Recipients.key(row.medium(), row.recipient()));
                    insert.setString(6, row.ticketNumber());
                    insert.setString(7, row.noticeId());
                    insert.setString(8, row.payloadJson());
                    insert.setString(9, row.eventJson());
                    insert.setObject(10, at);
                    insert.setObject(11, at);
                    insert.addBatch();
                }
                int[] counts;
                try {
                    counts = insert.executeBatch();
                } catch (SQLException e) {
                    throw withoutValues(e);
                }
                boolean[] recorded = new boolean[rows.size()];
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == Statement.SUCCESS_NO_INFO) {
                        throw new IllegalStateException("the JDBC driver rewrote the batch and reports no update "
                                + "counts (reWriteBatchedInserts?): the once-only rule cannot be told apart");
                    }
                    recorded[i] = counts[i] == 1;
                }
                return recorded;
            }
        });
    }

    /**
     * The driver's batch error quotes the failing statement with its parameters (addresses, names, rendered texts),
     * and the server's detail may quote the row: keep only the server's primary message, which names no value. It
     * ends up in logs and in the dead-letter reason of the event that could not be recorded.
     */
    private static SQLException withoutValues(SQLException e) {
        SQLException cause = e.getNextException() != null ? e.getNextException() : e;
        String reason = cause instanceof PSQLException server && server.getServerErrorMessage() != null
                ? server.getServerErrorMessage().getMessage()
                : cause.getClass().getSimpleName() + " (SQLState " + cause.getSQLState() + ")";
        return new SQLException("recording notice deliveries failed: " + reason, cause.getSQLState());
    }

    /**
     * Takes the oldest due PENDING deliveries (at most {@code limit}) and locks them for this transaction, skipping
     * rows another worker or replica holds ({@code FOR UPDATE SKIP LOCKED}). A row is due only when no earlier row of
     * the same ticket and medium is still PENDING, whether due, backing off or being sent right now: a customer never
     * gets the solution before the registration, while every other ticket goes on. (So two rows of one ticket and
     * medium are never taken together: the later one waits for the commit of the earlier.)
     */
    @SuppressWarnings("unchecked")
    public List<NoticeDelivery> lockDue(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                        SELECT d.* FROM notice_delivery d
                        WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now
                          AND NOT EXISTS (SELECT 1 FROM notice_delivery e
                                          WHERE e.status = 'PENDING' AND e.ticket_number = d.ticket_number
                                            AND e.medium = d.medium AND e.id < d.id)
                        ORDER BY d.id
                        LIMIT :limit
                        FOR UPDATE OF d SKIP LOCKED""", NoticeDelivery.class)
                .setParameter("now", now)
                .setParameter("limit", Math.max(1, limit))
                .getResultList();
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
