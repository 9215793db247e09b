package ru.getmark.support.ticket.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One action on a ticket (R8: who, when, why), whether it changed the status or not: a priority change, an
 * escalation, an assignment, a customer's follow-up, the auto-close job.
 */
@Entity
@Table(name = "ticket_action")
public class TicketAction {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "ticket_id", nullable = false)
    public Ticket ticket;

    /** The action's code: a staff action ("take", "escalate", ...) or "follow-up", "confirm", "auto-close". */
    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String actor;

    @Column(name = "acted_at", nullable = false)
    public Instant actedAt;

    public String reason;

    /** Extra facts of the action (e.g. the new priority), short text. */
    public String details;

    public static TicketAction of(Ticket ticket, String action, String actor, Instant at, String reason,
                                  String details) {
        TicketAction a = new TicketAction();
        a.ticket = ticket;
        a.action = action;
        a.actor = actor;
        a.actedAt = at;
        a.reason = reason;
        a.details = details;
        return a;
    }
}
