package ru.getmark.support.common.dialog;

import ru.getmark.support.common.event.AttachmentRef;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.ReplyAddress;
import ru.getmark.support.common.event.TicketType;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the adapter must publish to the intake topic after a turn. {@link #toIntakeMessage} builds the contract.
 *
 * @param kind         what it is
 * @param ticketNumber the ticket, for everything but a new request
 * @param inn          the customer's ИНН: always for a new request; for the others the remembered one, may be null
 * @param email        the contact email the customer gave, may be null
 * @param name         the name or company the customer gave, may be null
 * @param type         new request: the type
 * @param process      new request: the process code of the directory ("other" for «Другое»)
 * @param subject      new request: a short title made from the description
 * @param text         the customer's words (for a confirmation / rejection, a fixed Russian sentence)
 * @param impact       new request: the impact
 * @param attachments  files
 */
public record Submission(Kind kind, String ticketNumber, String inn, String email, String name, TicketType type,
                         String process, String subject, String text, Impact impact,
                         List<AttachmentRef> attachments) {

    /** What a submission is for the ticket service. */
    public enum Kind {
        /** A new request (R1, R3): {@code IntakeMessage.Kind.NEW_REQUEST}. */
        NEW_REQUEST,
        /** A message for a ticket (R4) or the answer to an information request (R11): FOLLOW_UP. */
        FOLLOW_UP,
        /** The customer confirms the solution (R12): CONFIRMATION. */
        CONFIRMATION,
        /** The solution did not help (R12, §5.27): a FOLLOW_UP, which returns the ticket to work. */
        REJECTION
    }

    public Submission {
        Objects.requireNonNull(kind, "kind");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /**
     * The intake message to publish.
     *
     * @param messageId  stable id derived from the channel's id of the input (update id, MessageSid), so a redelivered
     *                   input makes the same id (R5)
     * @param channel    TELEGRAM or WHATSAPP
     * @param receivedAt when the input arrived
     * @param customer   the channel's contact (chat id / WhatsApp id, profile name); the email and name the customer
     *                   gave in the dialogue take precedence over its {@code email} / {@code name}
     * @param replyTo    the chat to answer in
     */
    public IntakeMessage toIntakeMessage(String messageId, Channel channel, Instant receivedAt,
                                         CustomerContact customer, ReplyAddress replyTo) {
        CustomerContact base = customer == null ? CustomerContact.of(null, null, null) : customer;
        CustomerContact contact = new CustomerContact(
                name != null ? name : base.name(), email != null ? email : base.email(), base.phone(),
                base.telegramChatId(), base.whatsappId());
        IntakeMessage.Kind intakeKind = switch (kind) {
            case NEW_REQUEST -> IntakeMessage.Kind.NEW_REQUEST;
            case FOLLOW_UP, REJECTION -> IntakeMessage.Kind.FOLLOW_UP;
            case CONFIRMATION -> IntakeMessage.Kind.CONFIRMATION;
        };
        return new IntakeMessage(IntakeMessage.SCHEMA, messageId, intakeKind, channel, receivedAt, inn, contact,
                kind == Kind.NEW_REQUEST ? null : ticketNumber, type, process, subject, text, impact, attachments,
                replyTo, null);
    }
}
