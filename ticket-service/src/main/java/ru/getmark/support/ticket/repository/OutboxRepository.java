package ru.getmark.support.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.Session;
import ru.getmark.support.ticket.domain.OutboxEvent;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class OutboxRepository implements PanacheRepository<OutboxEvent> {

    /** Key of the PostgreSQL advisory lock that lets one relay (of all replicas) publish at a time. */
    static final long RELAY_LOCK_KEY = 0x6765746d61726bL; // "getmark"

    /**
     * Takes the relay lock for the current transaction (released at commit or rollback). One relay at a time keeps
     * the outbox's id order on the topic, hence every ticket's events in order.
     *
     * @return false when another replica is relaying right now
     */
    public boolean tryLockRelay() {
        Object locked = getEntityManager()
                .createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, RELAY_LOCK_KEY)
                .getSingleResult();
        return Boolean.TRUE.equals(locked);
    }

    /**
     * The oldest unpublished events, in id (= write) order, with their payloads as the UTF-8 bytes the database holds:
     * the relay hands them to Kafka as they are. (Read through Hibernate as strings, every payload — most of it the
     * customer's Cyrillic text — was decoded into a Java string and encoded again for Kafka: the relay's biggest cost.)
     */
    public List<PendingEvent> unpublished(int limit) {
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("select id, topic, aggregate_id, event_id, "
                    + "event_type, payload from outbox where published_at is null order by id limit ?")) {
                ps.setInt(1, limit);
                List<PendingEvent> events = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // getBytes of a text column: the value's bytes in the connection's encoding, always UTF-8
                        events.add(new PendingEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getBytes(6)));
                    }
                }
                return events;
            }
        });
    }

    /** An event waiting to be published: the Kafka topic, key ({@code aggregateId}), headers and value. */
    public record PendingEvent(long id, String topic, String aggregateId, String eventId, String eventType,
                               byte[] payload) {
    }

    public long countUnpublished() {
        return count("publishedAt is null");
    }

    /** One statement with the ids as one array parameter, however many they are. */
    public int markPublished(List<Long> ids, Instant at) {
        if (ids.isEmpty()) {
            return 0;
        }
        return getEntityManager().createNativeQuery("update outbox set published_at = ?1 where id = any(?2)")
                .setParameter(1, at)
                .setParameter(2, ids.toArray(Long[]::new))
                .executeUpdate();
    }

    /** Drops published events older than the retention; unpublished ones are never deleted. */
    public long deletePublishedBefore(Instant cutoff) {
        return delete("publishedAt is not null and publishedAt < ?1", cutoff);
    }
}
