package ru.getmark.support.email.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An auto-reply or flood notice to send, sent or given up (table auto_reply). */
@Entity
@Table(name = "auto_reply")
public class AutoReply extends PanacheEntityBase {

    /** What the reply answers. */
    public enum Kind {
        /** The message was refused (no/invalid ИНН, too large): the sender is told how to resend it. */
        REJECTION,
        /** The sender's messages are held back (flood): told once per window. */
        FLOOD
    }

    public enum Status {
        PENDING, SENT, FAILED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "reply_key", nullable = false)
    public String replyKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "message_id", nullable = false)
    public String messageId;

    @Column(nullable = false)
    public String recipient;

    @Column(name = "recipient_hash", nullable = false)
    public String recipientHash;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String body;

    @Column(name = "in_reply_to")
    public String inReplyTo;

    @Column(name = "references_hdr")
    public String references;

    @Column(name = "reply_message_id", nullable = false)
    public String replyMessageId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;
}
