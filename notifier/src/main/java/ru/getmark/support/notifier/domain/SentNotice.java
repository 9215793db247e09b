package ru.getmark.support.notifier.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * The record that a notice of an event was sent: the once-only rule of R5/R20 for notices. The primary key
 * {@code (event_id, notice)} is what makes a redelivered or replayed event send nothing new.
 */
@Entity
@Table(name = "sent_notice")
@IdClass(SentNotice.Key.class)
public class SentNotice {

    @Id
    @Column(name = "event_id", nullable = false, updatable = false)
    public String eventId;

    @Id
    @Column(name = "notice", nullable = false, updatable = false)
    public String notice;

    @Column(name = "ticket_number", nullable = false)
    public String ticketNumber;

    /** SHA-256 of the recipient address, see {@link EmailAddresses#hash(String)}. */
    @Column(name = "recipient_hash")
    public String recipientHash;

    @Column(name = "message_id", nullable = false)
    public String messageId;

    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;

    /** Composite key of {@link SentNotice}. */
    public static class Key implements Serializable {
        public String eventId;
        public String notice;

        public Key() {
        }

        public Key(String eventId, String notice) {
            this.eventId = eventId;
            this.notice = notice;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(eventId, k.eventId) && Objects.equals(notice, k.notice);
        }

        @Override
        public int hashCode() {
            return Objects.hash(eventId, notice);
        }
    }
}
