package ru.getmark.support.email.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A ticket as the projection of getmark.ticket-events.v1 knows it (see TicketDirectory). */
@Entity
@Table(name = "known_ticket")
public class KnownTicketRow extends PanacheEntityBase {

    @Id
    public String number;

    @Column(name = "customer_email_sha256")
    public String customerEmailSha256;

    public String inn;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public boolean closed;

    @Column(name = "last_event_at", nullable = false)
    public Instant lastEventAt;

    @Column(name = "last_event_id", nullable = false)
    public String lastEventId;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
