package ru.getmark.support.ticket.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An intake message this service has consumed (R5). Written in the transaction of its effect, so a redelivered
 * message is recognised and skipped. Rows are inserted with {@code ON CONFLICT DO NOTHING} (see
 * {@code ProcessedMessageRepository#claim}); the entity is for reading.
 */
@Entity
@Table(name = "processed_message")
public class ProcessedMessage {

    /** What consuming the message did. */
    public enum Outcome {
        /** A new ticket was registered. */
        REGISTERED,
        /**
         * Recorded only: a follow-up naming no known ticket. No longer written (such messages are parked on the
         * dead-letter topic, whole, since issue 5); older rows keep it.
         */
        DEFERRED,
        /** A follow-up or confirmation reply applied to its ticket. */
        FOLLOW_UP,
        /** A bounce of one of our notices, recorded on its ticket. */
        DELIVERY_FAILURE
    }

    @Id
    @Column(name = "message_id")
    public String messageId;

    @Column(name = "processed_at", nullable = false)
    public Instant processedAt;

    @Column(nullable = false)
    public String outcome;

    @Column(name = "ticket_number")
    public String ticketNumber;
}
