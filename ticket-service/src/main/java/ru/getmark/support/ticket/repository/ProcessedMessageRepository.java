package ru.getmark.support.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.ticket.domain.ProcessedMessage;

import java.time.Instant;

@ApplicationScoped
public class ProcessedMessageRepository implements PanacheRepositoryBase<ProcessedMessage, String> {

    /**
     * Records a message as processed unless it already is (R5). {@code INSERT ... ON CONFLICT DO NOTHING} waits for a
     * concurrent transaction holding the same id and then reports the conflict, so of two consumers racing on one
     * message exactly one gets {@code true}, and the loser needs no exception handling (an exception would mark the
     * JTA transaction rollback-only).
     *
     * @return true when this transaction claimed the message, false when it was processed before
     */
    public boolean claim(String messageId, Instant at, ProcessedMessage.Outcome outcome) {
        int inserted = getEntityManager().createNativeQuery("""
                        insert into processed_message (message_id, processed_at, outcome)
                        values (?1, ?2, ?3)
                        on conflict (message_id) do nothing""")
                .setParameter(1, messageId)
                .setParameter(2, at)
                .setParameter(3, outcome.name())
                .executeUpdate();
        return inserted == 1;
    }

    /** Notes which ticket a claimed message produced. */
    public void linkTicket(String messageId, String ticketNumber) {
        update("ticketNumber = ?1 where messageId = ?2", ticketNumber, messageId);
    }
}
