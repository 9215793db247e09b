package ru.getmark.support.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.ticket.domain.TicketStatusChange;

import java.util.List;

@ApplicationScoped
public class TicketStatusChangeRepository implements PanacheRepository<TicketStatusChange> {

    /** The history of a ticket, oldest first (R8). */
    public List<TicketStatusChange> history(String ticketNumber) {
        return list("ticket.number = ?1 order by changedAt, id", ticketNumber);
    }
}
