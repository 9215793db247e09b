package ru.getmark.support.email.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.adapter.attachment.ClaimCheck;
import ru.getmark.support.adapter.kafka.IntakePublisher;
import ru.getmark.support.adapter.kafka.KafkaUnavailableException;
import ru.getmark.support.common.event.AttachmentRef;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.event.ReplyAddress;
import ru.getmark.support.common.inn.Inn;
import ru.getmark.support.email.config.EmailIntakeConfig;
import ru.getmark.support.email.domain.EmailParser;
import ru.getmark.support.email.domain.EmailTriage;
import ru.getmark.support.email.domain.Mailbox;
import ru.getmark.support.email.domain.ParsedAttachment;
import ru.getmark.support.email.domain.ParsedEmail;
import ru.getmark.support.email.domain.TicketDirectory;
import ru.getmark.support.email.domain.Verdict;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What happens to one email, from its raw bytes to Kafka: parse, judge (triage), hold back a flood, store the files
 * (claim check), publish the intake message or the refusal and wait for Kafka's acknowledgement, queue the auto-reply.
 * Only when this returns {@link Outcome#DONE} does the reader mark the message processed in the mailbox; anything
 * that fails for a reason that may pass (Kafka, the database) throws {@link RetryLaterException} and the message is
 * read again later, with the same messageId (R5).
 */
@ApplicationScoped
public class EmailIntakeService {

    /** The most characters of a refused message kept in the rejected record's payload. */
    static final int MAX_PAYLOAD = 32_000;
    static final int MAX_SUBJECT = 1000;
    static final String FULL_TEXT_NAME = "Текст письма.txt";

    /** What the reader does with the message next. */
    public enum Outcome {
        /** Kafka has what became of it: mark it processed. */
        DONE,
        /** Another replica holds it: leave it. */
        HELD_ELSEWHERE
    }

    private final EmailParser parser;
    private final EmailTriage triage;
    private final TicketProjection tickets;
    private final MessageClaims claims;
    private final FloodGuard flood;
    private final AttachmentStore attachments;
    private final AutoReplies autoReplies;
    private final ReplyPolicy replyPolicy;
    private final IntakePublisher publisher;
    private final IntakeMetrics metrics;
    private final EmailIntakeConfig config;
    private final Clock clock;

    EmailIntakeService(EmailParser parser, EmailTriage triage, TicketProjection tickets, MessageClaims claims,
                       FloodGuard flood, AttachmentStore attachments, AutoReplies autoReplies, ReplyPolicy replyPolicy,
                       IntakePublisher publisher, IntakeMetrics metrics, EmailIntakeConfig config, Clock clock) {
        this.parser = parser;
        this.triage = triage;
        this.tickets = tickets;
        this.claims = claims;
        this.flood = flood;
        this.attachments = attachments;
        this.autoReplies = autoReplies;
        this.replyPolicy = replyPolicy;
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Handles one message.
     *
     * @throws RetryLaterException when Kafka or the database cannot take part now
     */
    public Outcome handle(InboundMail mail) throws RetryLaterException {
        metrics.received();
        Instant receivedAt = mail.receivedAt() != null ? mail.receivedAt() : clock.instant();
        ParsedEmail email;
        try {
            email = parser.parse(mail.raw());
        } catch (RuntimeException e) {
            return unreadable(mail, receivedAt, "unparsable", e);
        }
        String messageId = MessageIds.of(email.messageId(), email.contentSha256());
        try {
            if (!claims.claim(messageId)) {
                Log.infof("Message %s is being handled by another replica: left to it", messageId);
                return Outcome.HELD_ELSEWHERE;
            }
        } catch (RuntimeException e) {
            throw new RetryLaterException("the database cannot record the claim on " + messageId, e);
        }

        Verdict verdict;
        try {
            verdict = triage.triage(email, directory());
        } catch (DirectoryUnavailableException e) {
            throw new RetryLaterException("the ticket projection cannot be read for " + messageId, e.getCause());
        } catch (RuntimeException e) {
            // A message triage cannot judge is kept for ops, never answered; it must not come round for ever.
            Log.errorf(e, "Triage failed on message %s: kept as rejected (invalid_input)", messageId);
            verdict = new Verdict.Reject(RejectedIntake.Reason.INVALID_INPUT,
                    "Письмо не удалось разобрать: " + e.getClass().getSimpleName(), null);
        }

        String sender = email.from() == null ? null : email.from().address();
        try {
            if (sender != null && countsTowardsFlood(verdict) && flood.isFlood(sender, messageId, receivedAt)) {
                return holdFlood(email, messageId, receivedAt, sender);
            }
            return act(verdict, email, messageId, receivedAt);
        } catch (KafkaUnavailableException e) {
            metrics.failure("publish_failed");
            throw new RetryLaterException("Kafka did not take message " + messageId + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            metrics.failure("database");
            throw new RetryLaterException("message " + messageId + " could not be stored: " + e, e);
        }
    }

    private Outcome act(Verdict verdict, ParsedEmail email, String messageId, Instant receivedAt)
            throws KafkaUnavailableException {
        // Java 17: no pattern matching over the sealed Verdict yet; every permitted type is handled below.
        if (verdict instanceof Verdict.NewRequest request) {
            return newRequest(request, email, messageId, receivedAt);
        }
        if (verdict instanceof Verdict.FollowUp followUp) {
            return followUp(followUp, email, messageId, receivedAt);
        }
        if (verdict instanceof Verdict.DeliveryFailure failure) {
            return deliveryFailure(failure, email, messageId, receivedAt);
        }
        if (verdict instanceof Verdict.Reject reject) {
            return reject(email, messageId, receivedAt, reject.reason(), reject.detail(), reject.autoReply());
        }
        if (verdict instanceof Verdict.Ignore ignore) {
            return ignore(ignore, email, messageId, receivedAt);
        }
        throw new IllegalStateException("unknown verdict " + verdict);
    }

    private Outcome newRequest(Verdict.NewRequest request, ParsedEmail email, String messageId, Instant receivedAt)
            throws KafkaUnavailableException {
        Text text = text(request.text());
        List<AttachmentRef> refs = store(email, messageId, text);
        IntakeMessage message = new IntakeMessage(IntakeMessage.SCHEMA, messageId, IntakeMessage.Kind.NEW_REQUEST,
                Channel.EMAIL, receivedAt, request.inn(), contact(email, request.customerName()), null,
                request.type(), request.process(), cut(request.subject(), MAX_SUBJECT), text.shown(),
                request.impact(), refs, replyTo(email), request.relatedTicket());
        publisher.publish(message);
        metrics.published(message.kind());
        Log.infof("Message %s from %s: new request (ИНН %s, %d attachment(s)%s)", messageId, masked(email),
                Inn.mask(request.inn()), refs.size(),
                request.relatedTicket() == null ? "" : ", names ticket " + request.relatedTicket());
        return Outcome.DONE;
    }

    private Outcome followUp(Verdict.FollowUp followUp, ParsedEmail email, String messageId, Instant receivedAt)
            throws KafkaUnavailableException {
        Text text = text(followUp.text());
        List<AttachmentRef> refs = store(email, messageId, text);
        // The ticket's ИНН as the key keeps this customer's messages in order with their other requests.
        String inn = tickets.find(followUp.ticketNumber()).map(TicketDirectory.KnownTicket::inn)
                .filter(i -> i != null && Inn.check(i).isEmpty()).orElse(null);
        IntakeMessage message = new IntakeMessage(IntakeMessage.SCHEMA, messageId, IntakeMessage.Kind.FOLLOW_UP,
                Channel.EMAIL, receivedAt, inn, contact(email, null), followUp.ticketNumber(), null, null,
                cut(email.subject(), MAX_SUBJECT), text.shown(), null, refs, replyTo(email), null);
        publisher.publish(message);
        metrics.published(message.kind());
        Log.infof("Message %s from %s: follow-up of ticket %s (%s, %d attachment(s))", messageId, masked(email),
                followUp.ticketNumber(), followUp.byThread() ? "by thread" : "by subject", refs.size());
        return Outcome.DONE;
    }

    private Outcome deliveryFailure(Verdict.DeliveryFailure failure, ParsedEmail email, String messageId,
                                    Instant receivedAt) throws KafkaUnavailableException {
        String diagnostic = failure.diagnostic() == null || failure.diagnostic().isBlank()
                ? "Письмо не доставлено" : failure.diagnostic();
        Mailbox from = email.from();
        String name = from == null ? "Почтовая система"
                : from.displayName() != null && !from.displayName().isBlank() ? from.displayName() : from.address();
        IntakeMessage message = new IntakeMessage(IntakeMessage.SCHEMA, messageId,
                IntakeMessage.Kind.DELIVERY_FAILURE, Channel.EMAIL, receivedAt, null,
                CustomerContact.of(name, null, null), failure.ticketNumber(), null, null,
                cut(email.subject(), MAX_SUBJECT), cut(diagnostic, 4000), null, List.of(), null, null);
        publisher.publish(message);
        metrics.published(message.kind());
        Log.infof("Message %s: a notice of ticket %s bounced (%s)", messageId, failure.ticketNumber(),
                cut(diagnostic, 200).replaceAll("[\\w.+-]+@[\\w.-]+", "<address>"));
        return Outcome.DONE;
    }

    private Outcome reject(ParsedEmail email, String messageId, Instant receivedAt, RejectedIntake.Reason reason,
                           String detail, String autoReply) throws KafkaUnavailableException {
        String sender = email.from() == null ? null : email.from().address();
        publisher.publishRejected(new RejectedIntake(RejectedIntake.SCHEMA, messageId, Channel.EMAIL, sender,
                receivedAt, reason, detail, payload(email)));
        metrics.rejected(reason);
        String replied = "no auto-reply";
        if (autoReply != null && !autoReply.isBlank()) {
            String recipient = replyAddress(email);
            String refusal = replyPolicy.refusal(email, recipient);
            if (refusal == null) {
                replied = autoReplies.queueRejection(messageId, email, recipient, autoReply)
                        ? "auto-reply queued" : "auto-reply queued before";
            } else {
                replied = "no auto-reply: " + refusal;
            }
        }
        Log.infof("Message %s from %s: rejected (%s), %s", messageId, masked(email),
                reason.name().toLowerCase(java.util.Locale.ROOT), replied);
        return Outcome.DONE;
    }

    private Outcome ignore(Verdict.Ignore ignore, ParsedEmail email, String messageId, Instant receivedAt)
            throws KafkaUnavailableException {
        if (ignore.cause() == Verdict.Ignore.Cause.AUTOMATIC) {
            // An auto-reply, out-of-office or unknown bounce is not lost either: ops see it as a loop candidate.
            String sender = email.from() == null ? null : email.from().address();
            publisher.publishRejected(new RejectedIntake(RejectedIntake.SCHEMA, messageId, Channel.EMAIL, sender,
                    receivedAt, RejectedIntake.Reason.LOOP, ignore.reason(), payload(email)));
        }
        String cause = ignore.cause() == Verdict.Ignore.Cause.OWN_MAIL ? "own_mail" : "automatic";
        metrics.ignored(cause);
        Log.infof("Message %s from %s: ignored, never answered (%s: %s)", messageId, masked(email), cause,
                ignore.reason() == null ? "" : ignore.reason().replaceAll("[\\w.+-]+@[\\w.-]+", "<address>"));
        return Outcome.DONE;
    }

    private Outcome holdFlood(ParsedEmail email, String messageId, Instant receivedAt, String sender)
            throws KafkaUnavailableException {
        String detail = "С адреса пришло больше " + flood.maxMessages() + " писем за "
                + Math.max(1, flood.window().toMinutes()) + " мин.: письмо задержано и не зарегистрировано";
        publisher.publishRejected(new RejectedIntake(RejectedIntake.SCHEMA, messageId, Channel.EMAIL, sender,
                receivedAt, RejectedIntake.Reason.FLOOD, detail, payload(email)));
        metrics.rejected(RejectedIntake.Reason.FLOOD);
        metrics.flooded();
        String recipient = replyAddress(email);
        boolean noticed = replyPolicy.refusal(email, recipient) == null
                && autoReplies.queueFloodNotice(messageId, email, recipient, flood.maxMessages(), flood.window(),
                receivedAt);
        Log.warnf("Flood from %s: message %s held back (more than %d messages within %s)%s", masked(email),
                messageId, flood.maxMessages(), flood.window(), noticed ? ", sender told" : "");
        return Outcome.DONE;
    }

    private Outcome unreadable(InboundMail mail, Instant receivedAt, String why, RuntimeException e)
            throws RetryLaterException {
        String messageId = MessageIds.of(null, ClaimCheck.sha256(mail.raw()));
        Log.warnf("Message %s (%d bytes) cannot be parsed (%s): kept as rejected (invalid_input)", messageId,
                mail.raw().length, e.toString());
        metrics.failure(why);
        String head = new String(mail.raw(), 0, Math.min(mail.raw().length, MAX_PAYLOAD), StandardCharsets.UTF_8);
        try {
            publisher.publishRejected(new RejectedIntake(RejectedIntake.SCHEMA, messageId, Channel.EMAIL, null,
                    receivedAt, RejectedIntake.Reason.INVALID_INPUT, "Письмо не удалось разобрать", head));
        } catch (KafkaUnavailableException k) {
            throw new RetryLaterException("Kafka did not take the unreadable message " + messageId, k);
        }
        metrics.rejected(RejectedIntake.Reason.INVALID_INPUT);
        return Outcome.DONE;
    }

    /** New requests, follow-ups and refusals count towards a flood; our own mail, automatic mail and bounces do not. */
    static boolean countsTowardsFlood(Verdict verdict) {
        return verdict instanceof Verdict.NewRequest || verdict instanceof Verdict.FollowUp
                || verdict instanceof Verdict.Reject;
    }

    private List<AttachmentRef> store(ParsedEmail email, String messageId, Text text) {
        List<ParsedAttachment> files = new ArrayList<>(email.attachments());
        if (text.full() != null) {
            files.add(new ParsedAttachment(FULL_TEXT_NAME, "text/plain",
                    text.full().getBytes(StandardCharsets.UTF_8), false, null));
        }
        return files.isEmpty() ? List.of() : attachments.store(messageId, files);
    }

    /** The text as published, and the full text when it had to be cut (then stored as an attachment). */
    private record Text(String shown, String full) {
    }

    private Text text(String text) {
        if (text == null) {
            return new Text(null, null);
        }
        if (text.length() <= config.maxTextLength()) {
            return new Text(text, null);
        }
        String shown = text.substring(0, config.maxTextLength())
                + "\n\n[Текст письма сокращён; полностью он во вложении «" + FULL_TEXT_NAME + "».]";
        return new Text(shown, text);
    }

    private TicketDirectory directory() {
        return number -> {
            try {
                return tickets.find(number);
            } catch (RuntimeException e) {
                throw new DirectoryUnavailableException(e);
            }
        };
    }

    private static CustomerContact contact(ParsedEmail email, String name) {
        Mailbox from = email.from();
        String address = from == null ? null : from.address();
        String best = name != null && !name.isBlank() ? name
                : from != null && from.displayName() != null && !from.displayName().isBlank() ? from.displayName()
                : address != null ? address : "Клиент";
        return new CustomerContact(best.strip(), address, null, null, null);
    }

    private static ReplyAddress replyTo(ParsedEmail email) {
        String address = replyAddress(email);
        return address == null ? null : new ReplyAddress(Channel.EMAIL, address);
    }

    /** Where answers go: the Reply-To the sender asked for, else the From. */
    static String replyAddress(ParsedEmail email) {
        Optional<String> replyTo = email.replyTo() == null ? Optional.empty() : email.replyTo().stream()
                .map(Mailbox::address).filter(a -> a != null && a.contains("@")).findFirst();
        return replyTo.orElse(email.from() == null ? null : email.from().address());
    }

    /** What ops see of a refused message on the rejected topic. */
    static String payload(ParsedEmail email) {
        StringBuilder out = new StringBuilder();
        out.append("From: ").append(email.from() == null ? "" : email.from().address()).append('\n');
        out.append("Subject: ").append(email.subject() == null ? "" : email.subject()).append('\n');
        if (email.messageId() != null) {
            out.append("Message-ID: ").append(email.messageId()).append('\n');
        }
        for (ParsedAttachment file : email.attachments()) {
            out.append("Attachment: ").append(file.fileName()).append(" (").append(file.contentType()).append(", ")
                    .append(file.size()).append(" bytes)\n");
        }
        out.append('\n').append(email.text() == null ? "" : email.text());
        return cut(out.toString(), MAX_PAYLOAD);
    }

    private static String masked(ParsedEmail email) {
        return Addresses.mask(email.from() == null ? null : email.from().address());
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** The ticket projection could not be read: judging without it could attach mail to the wrong ticket. */
    static final class DirectoryUnavailableException extends RuntimeException {
        DirectoryUnavailableException(Throwable cause) {
            super(cause);
        }
    }
}
