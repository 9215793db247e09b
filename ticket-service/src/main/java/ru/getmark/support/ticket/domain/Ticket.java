package ru.getmark.support.ticket.domain;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.Deadlines;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketSnapshot;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.TicketType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A customer's request as support works it. Plain JPA entity (repositories, not active record: STYLE.md); public
 * fields are turned into accessors by Quarkus. {@code version} gives optimistic locking, so two staff members changing
 * the same ticket cannot silently overwrite each other.
 */
@Entity
@Table(name = "ticket")
public class Ticket {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Ticket number from the database sequence, the "№" customers see. */
    @Column(nullable = false, unique = true, updatable = false)
    public String number;

    /** The intake message that opened the ticket (R5). */
    @Column(name = "message_id", nullable = false, unique = true, updatable = false)
    public String messageId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TicketStatus status;

    /** Null while the type is not stated; then {@link #needsClassification} is set (R7). */
    @Enumerated(EnumType.STRING)
    public TicketType type;

    @Column(name = "needs_classification", nullable = false)
    public boolean needsClassification;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Priority priority;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SupportLine line;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(nullable = false)
    public String inn;

    @Column(name = "customer_name")
    public String customerName;
    @Column(name = "customer_email")
    public String customerEmail;
    @Column(name = "customer_phone")
    public String customerPhone;
    @Column(name = "customer_telegram_chat_id")
    public Long customerTelegramChatId;
    @Column(name = "customer_whatsapp_id")
    public String customerWhatsappId;

    public String subject;
    public String text;
    public String process;

    @Enumerated(EnumType.STRING)
    public Impact impact;

    @Enumerated(EnumType.STRING)
    @Column(name = "reply_channel")
    public Channel replyChannel;
    @Column(name = "reply_address")
    public String replyAddress;

    /** When the adapter received the message (kept for audit; the SLA counts from {@link #registeredAt}). */
    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    /** When ticket-service registered the ticket: the SLA clock's start. */
    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;

    @Column(name = "resolution_deadline")
    public Instant resolutionDeadline;
    @Column(name = "first_line_deadline")
    public Instant firstLineDeadline;
    @Column(name = "second_line_deadline")
    public Instant secondLineDeadline;

    @OneToMany(mappedBy = "ticket", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<TicketAttachment> attachments = new ArrayList<>();

    /** Set while the ticket is Закрытое awaiting the customer's confirmation of the solution (R12). */
    @Column(name = "awaiting_confirmation", nullable = false)
    public boolean awaitingConfirmation;
    /** End of the confirmation window (3 working days after the solution, R12). */
    @Column(name = "confirmation_deadline")
    public Instant confirmationDeadline;
    /** SHA-256 (hex) of the personal confirmation token; the token itself is never stored (R12). */
    @Column(name = "confirmation_token_hash")
    public String confirmationTokenHash;
    /** End of the window for the customer's answer to an information request (3 working days, R11). */
    @Column(name = "answer_deadline")
    public Instant answerDeadline;
    /** The last question asked (R11). */
    public String question;
    /** The last solution given (R12). */
    public String solution;
    /** Since when the SLA clock stands still (R9, §5.19); null while it runs. */
    @Column(name = "paused_at")
    public Instant pausedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    /** Why it was closed: refusal reason, auto-close, confirmed solution. */
    @Column(name = "close_reason")
    public String closeReason;
    /** "satisfactory" or "unsatisfactory" (R12, R19). */
    public String rating;
    @Column(name = "rating_comment")
    public String ratingComment;
    /** Whom line 3 assigned it to, e.g. "developer: Иванов" (R14). */
    public String assignee;
    /**
     * The ticket this one refers to: the closed ticket it follows up (a message for a ticket closed for good opens a
     * new, linked one), or the ticket a new request names without belonging to it (e.g. an email whose subject
     * carries another customer's ticket number).
     */
    @Column(name = "related_ticket")
    public String relatedTicket;
    /** The Appendix 2 bug report (JSON) when routed to developers (R18). */
    @Column(name = "bug_report")
    public String bugReport;
    /** When the ticket became Критический: tracked and flagged at once (R9). */
    @Column(name = "critical_since")
    public Instant criticalSince;
    /**
     * When the customer last wrote about this ticket. Every follow-up sets it, so that even a follow-up that changes
     * nothing else is a versioned change of the ticket: it loses to a concurrent staff action (and is retried on
     * fresh data) instead of publishing an event with a stale snapshot.
     */
    @Column(name = "last_customer_message_at")
    public Instant lastCustomerMessageAt;

    /**
     * R15: the number of the open, escalated ticket with the same problem this one is linked to instead of being
     * escalated again (always the group's root: groups are one level deep). Null when not linked.
     */
    @Column(name = "linked_to")
    public String linkedTo;
    /** When it was linked (R15). */
    @Column(name = "linked_at")
    public Instant linkedAt;
    /** R16: the mass problem this ticket is part of (kept after the resolution, for the record). */
    @Column(name = "mass_problem_id")
    public Long massProblemId;

    /**
     * When a notice to the customer last bounced (an {@code IntakeMessage} of kind {@code delivery_failure}): the
     * customer's address does not work, so the first line phones them instead. Null while no notice bounced.
     */
    @Column(name = "delivery_failed_at")
    public Instant deliveryFailedAt;
    /** The last bounce's diagnostic (e.g. "550 5.1.1 user unknown"). */
    @Column(name = "delivery_failure")
    public String deliveryFailure;
    /** How many bounces were recorded for the ticket. */
    @Column(name = "delivery_failures", nullable = false)
    public int deliveryFailures;

    @OneToMany(mappedBy = "ticket", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("startedAt")
    public List<TicketPause> pauses = new ArrayList<>();

    @Version
    @Column(nullable = false)
    public long version;

    public CustomerContact customer() {
        return new CustomerContact(customerName, customerEmail, customerPhone, customerTelegramChatId,
                customerWhatsappId);
    }

    public void setCustomer(CustomerContact contact) {
        customerName = contact.name();
        customerEmail = contact.email();
        customerPhone = contact.phone();
        customerTelegramChatId = contact.telegramChatId();
        customerWhatsappId = contact.whatsappId();
    }

    public Deadlines deadlines() {
        return new Deadlines(resolutionDeadline, firstLineDeadline, secondLineDeadline);
    }

    public void setDeadlines(Deadlines deadlines) {
        resolutionDeadline = deadlines == null ? null : deadlines.resolution();
        firstLineDeadline = deadlines == null ? null : deadlines.firstLine();
        secondLineDeadline = deadlines == null ? null : deadlines.secondLine();
    }

    public void addAttachment(TicketAttachment attachment) {
        attachment.ticket = this;
        attachment.position = attachments.size();
        attachments.add(attachment);
    }

    /** The ticket as events carry it, so consumers never call back. */
    public TicketSnapshot snapshot() {
        return new TicketSnapshot(number, status, type, priority, line, inn, customer(), channel, registeredAt,
                deadlines(), subject);
    }
}
