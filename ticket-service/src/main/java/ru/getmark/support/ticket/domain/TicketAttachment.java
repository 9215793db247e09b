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
import ru.getmark.support.common.event.AttachmentRef;

/** A claim-check reference to a file the customer sent; the bytes stay with the adapter that received them. */
@Entity
@Table(name = "ticket_attachment")
public class TicketAttachment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "ticket_id", nullable = false)
    public Ticket ticket;

    @Column(nullable = false)
    public int position;

    public String name;
    @Column(name = "content_type")
    public String contentType;
    @Column(nullable = false)
    public long size;
    public String sha256;
    public String url;

    public static TicketAttachment of(AttachmentRef ref) {
        TicketAttachment a = new TicketAttachment();
        a.name = ref.name();
        a.contentType = ref.contentType();
        a.size = ref.size();
        a.sha256 = ref.sha256();
        a.url = ref.url();
        return a;
    }

    public AttachmentRef toRef() {
        return new AttachmentRef(name, contentType, size, sha256, url);
    }
}
