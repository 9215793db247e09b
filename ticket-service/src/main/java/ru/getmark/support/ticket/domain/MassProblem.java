package ru.getmark.support.ticket.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A mass problem (R16, regulation §5.15): more than four tickets with the same problem within one day, declared
 * automatically when a group (an escalated root ticket and the tickets linked to it, R15) reaches that, or by
 * second/third-line staff. Every customer of the group is told it is known and being fixed, and told again when it is
 * fixed. Its tickets are listed in {@code mass_problem_ticket}.
 */
@Entity
@Table(name = "mass_problem")
public class MassProblem {

    /** Who declares a mass problem automatically. */
    public static final String SYSTEM = "system";

    @Id
    @SequenceGenerator(name = "mass_problem_seq", sequenceName = "mass_problem_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mass_problem_seq")
    public Long id;

    @Column(nullable = false)
    public String title;

    /** The number of the group's root ticket (R15). */
    @Column(name = "root_ticket", nullable = false, updatable = false)
    public String rootTicket;

    @Column(name = "declared_at", nullable = false, updatable = false)
    public Instant declaredAt;

    /** "system" or the staff login. */
    @Column(name = "declared_by", nullable = false, updatable = false)
    public String declaredBy;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "resolved_by")
    public String resolvedBy;

    /** What was done to fix it: the solution every open ticket of the group receives. */
    public String resolution;

    public boolean resolved() {
        return resolvedAt != null;
    }

    /** The contract's form, as the events of its tickets carry it. */
    public ru.getmark.support.common.event.MassProblem toEvent(int ticketCount) {
        return new ru.getmark.support.common.event.MassProblem(id, title, rootTicket, declaredAt, ticketCount,
                resolution, resolvedAt);
    }
}
