package ru.getmark.support.common.event;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A customer's message, normalised by a channel adapter and published to {@link Topics#INTAKE}.
 * <p>
 * {@code messageId} is derived from the channel's own id (Telegram update id, Twilio MessageSid, email Message-ID,
 * the phone log's idempotency key), so the same inbound message delivered twice has the same id and ticket-service
 * registers it once (R5).
 *
 * @param schema        always {@link #SCHEMA}
 * @param messageId     stable id derived from the channel's own id
 * @param kind          new request, follow-up of a ticket, or confirmation of a solution
 * @param channel       where it came from
 * @param receivedAt    when the adapter received it
 * @param inn           the customer's ИНН (digits, check digits valid); may be null only for follow-ups and
 *                      confirmations, which name their ticket instead
 * @param customer      contact of the customer
 * @param ticketNumber  the ticket a follow-up or confirmation belongs to; null for a new request
 * @param type          the type when the customer stated it, else null (the ticket is then flagged for the first line)
 * @param process       the GetMark process code from the directory, when stated
 * @param subject       subject (email) or short title
 * @param text          what happened, in the customer's words
 * @param impact        impact on the customer's business when stated
 * @param attachments   claim-check references, never the bytes
 * @param replyTo       where to answer in the customer's own channel
 * @param relatedTicket for a new request: a ticket the message refers to but does not belong to (an email naming
 *                      another customer's ticket in its subject); ticket-service links the new ticket to it
 */
public record IntakeMessage(
        String schema,
        String messageId,
        Kind kind,
        Channel channel,
        Instant receivedAt,
        String inn,
        CustomerContact customer,
        String ticketNumber,
        TicketType type,
        String process,
        String subject,
        String text,
        Impact impact,
        List<AttachmentRef> attachments,
        ReplyAddress replyTo,
        String relatedTicket) {

    public static final String SCHEMA = "getmark.intake.v1";

    /** What the message is for the ticket service. */
    public enum Kind {
        @JsonProperty("new_request") NEW_REQUEST,
        @JsonProperty("follow_up") FOLLOW_UP,
        @JsonProperty("confirmation") CONFIRMATION,
        /**
         * One of our notices to the customer of {@code ticketNumber} bounced (a delivery status report came back):
         * recorded in the ticket's history for staff, it changes nothing else. {@code text} carries the diagnostic.
         */
        @JsonProperty("delivery_failure") DELIVERY_FAILURE
    }

    public IntakeMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(customer, "customer");
        schema = schema == null ? SCHEMA : schema;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** The v1 field set, without {@code relatedTicket}. */
    public IntakeMessage(String schema, String messageId, Kind kind, Channel channel, Instant receivedAt, String inn,
                         CustomerContact customer, String ticketNumber, TicketType type, String process,
                         String subject, String text, Impact impact, List<AttachmentRef> attachments,
                         ReplyAddress replyTo) {
        this(schema, messageId, kind, channel, receivedAt, inn, customer, ticketNumber, type, process, subject, text,
                impact, attachments, replyTo, null);
    }

    /** A new request from a customer identified by a valid ИНН. */
    public static IntakeMessage newRequest(String messageId, Channel channel, Instant receivedAt, String inn,
                                           CustomerContact customer, TicketType type, String process, String subject,
                                           String text, Impact impact, List<AttachmentRef> attachments,
                                           ReplyAddress replyTo) {
        return new IntakeMessage(SCHEMA, messageId, Kind.NEW_REQUEST, channel, receivedAt,
                Objects.requireNonNull(inn, "inn"), customer, null, type, process, subject, text, impact,
                attachments, replyTo, null);
    }

    /** The Kafka key: the ИНН keeps one customer's messages in order; a follow-up without ИНН uses its ticket. */
    public String key() {
        return inn != null ? inn : ticketNumber;
    }
}
