package ru.getmark.support.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.ticket.domain.OutboxEvent;

import java.time.Instant;
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

    /** The oldest unpublished events, in id (= write) order. */
    public List<OutboxEvent> unpublished(int limit) {
        return find("publishedAt is null order by id").page(0, limit).list();
    }

    public long countUnpublished() {
        return count("publishedAt is null");
    }

    public int markPublished(List<Long> ids, Instant at) {
        return ids.isEmpty() ? 0 : update("publishedAt = ?1 where id in ?2", at, ids);
    }

    /** Drops published events older than the retention; unpublished ones are never deleted. */
    public long deletePublishedBefore(Instant cutoff) {
        return delete("publishedAt is not null and publishedAt < ?1", cutoff);
    }
}
