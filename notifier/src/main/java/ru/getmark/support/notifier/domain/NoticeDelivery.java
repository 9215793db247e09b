package ru.getmark.support.notifier.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One notice of one event to one recipient on one medium, from the moment the consumer rendered it until it was
 * handed over or parked. The unique key {@code (event_id, notice, medium, recipient_key)} is the once-only rule of
 * R5/R20: rows are created with {@code INSERT … ON CONFLICT DO NOTHING} only (see
 * {@code NoticeDeliveryRepository#record}), so a redelivered or replayed event adds nothing.
 * <p>
 * {@code payload} and {@code event_json} are JSONB, written by that insert and only read here.
 */
@Entity
@Table(name = "notice_delivery")
public class NoticeDelivery {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, updatable = false)
    public String eventId;

    /** {@link NoticeKind#code()}. */
    @Column(name = "notice", nullable = false, updatable = false)
    public String notice;

    @Enumerated(EnumType.STRING)
    @Column(name = "medium", nullable = false, updatable = false)
    public Medium medium;

    /** The address; null only in rows migrated from the old sent_notice table. */
    @Column(name = "recipient", updatable = false)
    public String recipient;

    /** See {@link Recipients#key}. */
    @Column(name = "recipient_key", nullable = false, updatable = false)
    public String recipientKey;

    @Column(name = "ticket_number", nullable = false, updatable = false)
    public String ticketNumber;

    /** The email's Message-ID, or the ChannelNotice's noticeId. */
    @Column(name = "notice_id", nullable = false, updatable = false)
    public String noticeId;

    /** The rendered EmailNotice or ChannelNotice as JSON. */
    @Column(name = "payload", insertable = false, updatable = false)
    public String payload;

    /** The event as it came from Kafka. */
    @Column(name = "event_json", insertable = false, updatable = false)
    public String eventJson;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    public DeliveryStatus status;

    /** Attempts made so far, successful or not. */
    @Column(name = "attempts", nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    /** The last failure, masked. */
    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    public NoticeKind kind() {
        for (NoticeKind kind : NoticeKind.values()) {
            if (kind.code().equals(notice)) {
                return kind;
            }
        }
        throw new IllegalStateException("unknown notice code in notice_delivery " + id + ": " + notice);
    }
}
