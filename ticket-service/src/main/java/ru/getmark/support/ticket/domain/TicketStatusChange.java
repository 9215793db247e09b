package ru.getmark.support.ticket.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import ru.getmark.support.common.event.TicketStatus;

import java.time.Instant;

/** One step of a ticket's history (R8): who moved it from which status to which, when and why. */
@Entity
@Table(name = "ticket_status_change")
public class TicketStatusChange {

    /** The actor of automatic steps such as the registration itself. */
    public static final String SYSTEM = "system";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "ticket_id", nullable = false)
    public Ticket ticket;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public TicketStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false)
    public TicketStatus toStatus;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    public String reason;

    public static TicketStatusChange of(Ticket ticket, TicketStatus from, TicketStatus to, String by, Instant at,
                                        String reason) {
        TicketStatusChange c = new TicketStatusChange();
        c.ticket = ticket;
        c.fromStatus = from;
        c.toStatus = to;
        c.changedBy = by;
        c.changedAt = at;
        c.reason = reason;
        return c;
    }
}
