package ru.getmark.support.ticket.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.ticket.domain.TicketAction;

import java.util.List;

@ApplicationScoped
public class TicketActionRepository implements PanacheRepository<TicketAction> {

    /** Every action on a ticket, oldest first (R8). */
    public List<TicketAction> history(String ticketNumber) {
        return list("ticket.number = ?1 order by actedAt, id", ticketNumber);
    }
}
