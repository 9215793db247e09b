package ru.getmark.support.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.ticket.domain.Ticket;

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
