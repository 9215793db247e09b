package ru.getmark.support.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.ticket.domain.Ticket;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class TicketRepository implements PanacheRepository<Ticket> {

    public Optional<Ticket> findByNumber(String number) {
        return find("number", number).firstResultOptional();
    }

    public Optional<Ticket> findByMessageId(String messageId) {
        return find("messageId", messageId).firstResultOptional();
    }

    /**
     * Takes the row lock of a ticket for the current transaction ({@code for no key update}, what an update takes),
     * so that changes of a similar-problems group queue on its root (R15, R16).
     *
     * @return false when there is no such ticket
     */
    public boolean lock(String number) {
        return !getEntityManager().createNativeQuery("select id from ticket where number = ?1 for no key update")
                .setParameter(1, number).getResultList().isEmpty();
    }

    /** Locks the tickets linked to a root, in id order (R16: a declaration changes each of them). */
    public void lockLinkedTo(String root) {
        getEntityManager().createNativeQuery("select id from ticket where linked_to = ?1 order by id "
                + "for no key update").setParameter(1, root).getResultList();
    }

    /** The root of the group a ticket is in: the ticket it is linked to, or itself (R15); empty when unknown. */
    public Optional<String> rootOf(String number) {
        List<?> rows = getEntityManager().createNativeQuery("select coalesce(linked_to, number) from ticket "
                + "where number = ?1").setParameter(1, number).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of((String) rows.get(0));
    }

    /** The tickets linked to a root, in the order they were linked (R15). */
    public List<Ticket> linkedTo(String root) {
        return list("linkedTo = ?1 order by linkedAt, id", root);
    }

    public long countLinkedTo(String root) {
        return count("linkedTo", root);
    }

    /**
     * The next ticket number from the database sequence: unique across replicas and strictly increasing (numbers of
     * rolled-back registrations are skipped, never reused).
     */
    public String nextNumber() {
        Number next = (Number) getEntityManager()
                .createNativeQuery("select nextval('ticket_number_seq')")
                .getSingleResult();
        return Long.toString(next.longValue());
    }
}
