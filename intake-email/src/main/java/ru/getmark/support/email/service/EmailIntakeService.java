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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What happens to the emails of one chunk of the mailbox, from their raw bytes to Kafka: parse, judge (triage), claim
 * and hold back a flood (one transaction for the chunk, {@link IntakeLedger}), store the files (claim check), hand the
 * intake messages and refusals to Kafka in the mailbox's order, wait for all the acknowledgements together, queue the
 * auto-replies. The reader marks a message processed only when this says {@link Outcome#DONE}: Kafka has what became
 * of it. Anything that fails for a reason that may pass (Kafka, the database) leaves the message
 * {@link Outcome#RETRY}: it is read again later, with the same messageId (R5).
 * <p>
 * Issue 8: one message at a time (a commit for the claim, one for the flood count, a round trip to Kafka each) let the
 * only reader thread handle 3–9 messages a second on a busy machine; a chunk shares those waits.
 */
@ApplicationScoped
public class EmailIntakeService {

    /** The most characters of a refused message kept in the rejected record's payload. */
    static final int MAX_PAYLOAD = 32_000;
    static final int MAX_SUBJECT = 1000;
    static final String FULL_TEXT_NAME = "Текст письма.txt";

    /** What the reader does with a message next. */
    public enum Outcome {
        /** Kafka has what became of it: mark it processed. */
        DONE,
        /** Another replica holds it: leave it. */
        HELD_ELSEWHERE,
        /** Kafka or the database could not take part now: leave it unmarked, it is read again on a later pass. */
        RETRY,
        /** A defect, not an outage: it stays unmarked and is tried again, the others go on. */
        FAILED
    }

    private final EmailParser parser;
    private final EmailTriage triage;
    private final TicketProjection tickets;
    private final IntakeLedger ledger;
    private final FloodGuard flood;
    private final AttachmentStore attachments;
    private final AutoReplies autoReplies;
    private final ReplyPolicy replyPolicy;
    private final IntakePublisher publisher;
    private final IntakeMetrics metrics;
    private final EmailIntakeConfig config;
    private final Clock clock;

    EmailIntakeService(EmailParser parser, EmailTriage triage, TicketProjection tickets, IntakeLedger ledger,
                       FloodGuard flood, AttachmentStore attachments, AutoReplies autoReplies, ReplyPolicy replyPolicy,
                       IntakePublisher publisher, IntakeMetrics metrics, EmailIntakeConfig config, Clock clock) {
        this.parser = parser;
        this.triage = triage;
        this.tickets = tickets;
        this.ledger = ledger;
        this.flood = flood;
        this.attachments = attachments;
        this.autoReplies = autoReplies;
        this.replyPolicy = replyPolicy;
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /** One message of the chunk on its way. */
    private static final class Item {
        final InboundMail mail;
        final Instant receivedAt;
        ParsedEmail email;
        RuntimeException unparsable;
        String messageId;
        Verdict verdict;
        /** An earlier message of the chunk with the same messageId: this one shares its fate, published once. */
        Item sameAs;
        boolean flood;
        IntakePublisher.Sent sent;
        /** What follows Kafka's acknowledgement (metrics, log, auto-reply); may touch the database. */
        AfterAck afterAck;
        Outcome outcome;

        Item(InboundMail mail, Instant receivedAt) {
            this.mail = mail;
            this.receivedAt = receivedAt;
        }
    }

    /** The step after the acknowledgement. */
    @FunctionalInterface
    private interface AfterAck {
        void run();
    }

    /**
     * Handles the messages of one chunk, given in the mailbox's order (oldest first).
     *
     * @return the outcome of each message, in the same order
     */
    public List<Outcome> handle(List<InboundMail> mails) {
        List<Item> items = new ArrayList<>(mails.size());
        for (InboundMail mail : mails) {
            metrics.received();
            items.add(new Item(mail, mail.receivedAt() != null ? mail.receivedAt() : clock.instant()));
        }
        long started = System.nanoTime();
        judge(items);
        long judged = System.nanoTime();
        book(items);
        long booked = System.nanoTime();
        send(items);
        long sent = System.nanoTime();
        await(items);
        if (Log.isDebugEnabled()) {
            Log.debugf("%d message(s): parsed and judged in %d ms, claims and flood counts %d ms, sent %d ms,"
                            + " acknowledged and finished %d ms", items.size(), (judged - started) / 1_000_000,
                    (booked - judged) / 1_000_000, (sent - booked) / 1_000_000,
                    (System.nanoTime() - sent) / 1_000_000);
        }
        List<Outcome> outcomes = new ArrayList<>(items.size());
        for (Item item : items) {
            Outcome outcome = item.sameAs != null ? item.sameAs.outcome : item.outcome;
            outcomes.add(outcome == null ? Outcome.RETRY : outcome);
        }
        return outcomes;
    }

    /** Parses and judges every message; one that must wait stops the chunk there (the sender's order is kept). */
    private void judge(List<Item> items) {
        Map<String, Item> byId = new HashMap<>();
        boolean stop = false;
        for (Item item : items) {
            if (stop) {
                item.outcome = Outcome.RETRY;
                continue;
            }
            try {
                try {
                    item.email = parser.parse(item.mail.raw());
                } catch (RuntimeException e) {
                    item.unparsable = e;
                }
                item.messageId = item.email == null ? MessageIds.of(null, ClaimCheck.sha256(item.mail.raw()))
                        : MessageIds.of(item.email.messageId(), item.email.contentSha256());
                Item first = byId.putIfAbsent(item.messageId, item);
                if (first != null) {
                    item.sameAs = first;
                    Log.infof("Message %s is in the mailbox more than once: handled once", item.messageId);
                    continue;
                }
                if (item.email != null) {
                    item.verdict = verdict(item);
                }
            } catch (DirectoryUnavailableException e) {
                Log.warnf("Message %s left unprocessed: the ticket projection cannot be read (%s)", item.messageId,
                        e.getCause());
                item.outcome = Outcome.RETRY;
                stop = true;
            } catch (RuntimeException e) {
                unexpected(item, e);
            }
        }
    }

    private Verdict verdict(Item item) {
        try {
            return triage.triage(item.email, directory());
        } catch (DirectoryUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // A message triage cannot judge is kept for ops, never answered; it must not come round for ever.
            Log.errorf(e, "Triage failed on message %s: kept as rejected (invalid_input)", item.messageId);
            return new Verdict.Reject(RejectedIntake.Reason.INVALID_INPUT,
                    "Письмо не удалось разобрать: " + e.getClass().getSimpleName(), null);
        }
    }

    /** Claims and flood counts of the chunk, one transaction. */
    private void book(List<Item> items) {
        List<Item> booked = new ArrayList<>();
        List<IntakeLedger.Entry> entries = new ArrayList<>();
        for (Item item : items) {
            if (item.outcome == null && item.sameAs == null && item.email != null) {
                String sender = item.email.from() == null ? null : item.email.from().address();
                entries.add(new IntakeLedger.Entry(item.messageId,
                        sender != null && countsTowardsFlood(item.verdict) ? sender : null, item.receivedAt));
                booked.add(item);
            }
        }
        if (entries.isEmpty()) {
            return;
        }
        List<IntakeLedger.Booking> bookings;
        try {
            bookings = ledger.book(entries);
        } catch (RuntimeException e) {
            metrics.failure("database");
            Log.warnf("%d message(s) left unprocessed: the database cannot record their claims (%s)", entries.size(),
                    e.toString());
            for (Item item : items) {
                if (item.outcome == null && item.sameAs == null) {
                    item.outcome = Outcome.RETRY; // unreadable ones too: the chunk waits as a whole, in order
                }
            }
            return;
        }
        for (int i = 0; i < booked.size(); i++) {
            Item item = booked.get(i);
            IntakeLedger.Booking booking = bookings.get(i);
            if (!booking.claimed()) {
                Log.infof("Message %s is being handled by another replica: left to it", item.messageId);
                item.outcome = Outcome.HELD_ELSEWHERE;
            } else {
                item.flood = booking.flood();
            }
        }
    }

    /** Hands the chunk's records to Kafka in order; a message whose files cannot be stored stops the chunk there. */
    private void send(List<Item> items) {
        boolean stop = false;
        for (Item item : items) {
            if (item.outcome != null || item.sameAs != null) {
                continue;
            }
            if (stop) {
                item.outcome = Outcome.RETRY;
                continue;
            }
            try {
                if (item.email == null) {
                    unreadable(item);
                } else if (item.flood) {
                    holdFlood(item);
                } else {
                    act(item);
                }
            } catch (StorageException e) {
                metrics.failure("database");
                Log.warnf("Message %s left unprocessed: %s", item.messageId, e.getMessage());
                item.outcome = Outcome.RETRY;
                stop = true;
            } catch (RuntimeException e) {
                unexpected(item, e);
            }
        }
    }

    /** Waits for every acknowledgement, then finishes the acknowledged messages (metrics, log, auto-reply). */
    private void await(List<Item> items) {
        for (Item item : items) {
            if (item.outcome != null || item.sameAs != null) {
                continue;
            }
            if (item.sent != null) {
                try {
                    item.sent.await();
                } catch (KafkaUnavailableException e) {
                    metrics.failure("publish_failed");
                    Log.warnf("Message %s left unprocessed: Kafka did not take it (%s)", item.messageId,
                            e.getMessage());
                    item.outcome = Outcome.RETRY;
                    continue;
                }
            }
            try {
                if (item.afterAck != null) {
                    item.afterAck.run();
                }
                item.outcome = Outcome.DONE;
            } catch (RuntimeException e) {
                metrics.failure("database");
                Log.warnf("Message %s left unprocessed: its auto-reply could not be queued (%s)", item.messageId,
                        e.toString());
                item.outcome = Outcome.RETRY;
            }
        }
    }

    private void unexpected(Item item, RuntimeException e) {
        metrics.failure("unexpected");
        Log.errorf(e, "Message %s failed unexpectedly; it stays unprocessed and is tried again",
                item.messageId == null ? "(no id yet)" : item.messageId);
        item.outcome = Outcome.FAILED;
    }

    private void act(Item item) {
        Verdict verdict = item.verdict;
        // Java 17: no pattern matching over the sealed Verdict yet; every permitted type is handled below.
        if (verdict instanceof Verdict.NewRequest request) {
            newRequest(item, request);
        } else if (verdict instanceof Verdict.FollowUp followUp) {
            followUp(item, followUp);
        } else if (verdict instanceof Verdict.DeliveryFailure failure) {
            deliveryFailure(item, failure);
        } else if (verdict instanceof Verdict.Reject reject) {
            reject(item, reject.reason(), reject.detail(), reject.autoReply());
        } else if (verdict instanceof Verdict.Ignore ignore) {
            ignore(item, ignore);
        } else {
            throw new IllegalStateException("unknown verdict " + verdict);
        }
    }

    private void newRequest(Item item, Verdict.NewRequest request) {
        ParsedEmail email = item.email;
        Text text = text(request.text());
        List<AttachmentRef> refs = store(email, item.messageId, text);
        IntakeMessage message = new IntakeMessage(IntakeMessage.SCHEMA, item.messageId,
                IntakeMessage.Kind.NEW_REQUEST, Channel.EMAIL, item.receivedAt, request.inn(),
                contact(email, request.customerName()), null, request.type(), request.process(),
                cut(request.subject(), MAX_SUBJECT), text.shown(), request.impact(), refs, replyTo(email),
                request.relatedTicket());
        item.sent = publisher.send(message);
        item.afterAck = () -> {
            metrics.published(message.kind());
            Log.infof("Message %s from %s: new request (ИНН %s, %d attachment(s)%s)", item.messageId, masked(email),
                    Inn.mask(request.inn()), refs.size(),
                    request.relatedTicket() == null ? "" : ", names ticket " + request.relatedTicket());
        };
    }

    private void followUp(Item item, Verdict.FollowUp followUp) {
        ParsedEmail email = item.email;
        Text text = text(followUp.text());
        List<AttachmentRef> refs = store(email, item.messageId, text);
        // The ticket's ИНН as the key keeps this customer's messages in order with their other requests.
        String inn;
        try {
            inn = tickets.find(followUp.ticketNumber()).map(TicketDirectory.KnownTicket::inn)
                    .filter(i -> i != null && Inn.check(i).isEmpty()).orElse(null);
        } catch (RuntimeException e) {
            throw new StorageException("the ticket projection cannot be read: " + e, e);
        }
        IntakeMessage message = new IntakeMessage(IntakeMessage.SCHEMA, item.messageId, IntakeMessage.Kind.FOLLOW_UP,
                Channel.EMAIL, item.receivedAt, inn, contact(email, null), followUp.ticketNumber(), null, null,
                cut(email.subject(), MAX_SUBJECT), text.shown(), null, refs, replyTo(email), null);
        item.sent = publisher.send(message);
        item.afterAck = () -> {
            metrics.published(message.kind());
            Log.infof("Message %s from %s: follow-up of ticket %s (%s, %d attachment(s))", item.messageId,
                    masked(email), followUp.ticketNumber(), followUp.byThread() ? "by thread" : "by subject",
                    refs.size());
        };
    }

    private void deliveryFailure(Item item, Verdict.DeliveryFailure failure) {
        ParsedEmail email = item.email;
        String diagnostic = failure.diagnostic() == null || failure.diagnostic().isBlank()
                ? "Письмо не доставлено" : failure.diagnostic();
        Mailbox from = email.from();
        String name = from == null ? "Почтовая система"
                : from.displayName() != null && !from.displayName().isBlank() ? from.displayName() : from.address();
        IntakeMessage message = new IntakeMessage(IntakeMessage.SCHEMA, item.messageId,
                IntakeMessage.Kind.DELIVERY_FAILURE, Channel.EMAIL, item.receivedAt, null,
                CustomerContact.of(name, null, null), failure.ticketNumber(), null, null,
                cut(email.subject(), MAX_SUBJECT), cut(diagnostic, 4000), null, List.of(), null, null);
        item.sent = publisher.send(message);
        item.afterAck = () -> {
            metrics.published(message.kind());
            Log.infof("Message %s: a notice of ticket %s bounced (%s)", item.messageId, failure.ticketNumber(),
                    cut(diagnostic, 200).replaceAll("[\\w.+-]+@[\\w.-]+", "<address>"));
        };
    }

    private void reject(Item item, RejectedIntake.Reason reason, String detail, String autoReply) {
        ParsedEmail email = item.email;
        String sender = email.from() == null ? null : email.from().address();
        item.sent = publisher.sendRejected(new RejectedIntake(RejectedIntake.SCHEMA, item.messageId, Channel.EMAIL,
                sender, item.receivedAt, reason, detail, payload(email)));
        item.afterAck = () -> {
            metrics.rejected(reason);
            String replied = "no auto-reply";
            if (autoReply != null && !autoReply.isBlank()) {
                String recipient = replyAddress(email);
                String refusal = replyPolicy.refusal(email, recipient);
                if (refusal == null) {
                    replied = autoReplies.queueRejection(item.messageId, email, recipient, autoReply)
                            ? "auto-reply queued" : "auto-reply queued before";
                } else {
                    replied = "no auto-reply: " + refusal;
                }
            }
            Log.infof("Message %s from %s: rejected (%s), %s", item.messageId, masked(email),
                    reason.name().toLowerCase(java.util.Locale.ROOT), replied);
        };
    }

    private void ignore(Item item, Verdict.Ignore ignore) {
        ParsedEmail email = item.email;
        if (ignore.cause() == Verdict.Ignore.Cause.AUTOMATIC) {
            // An auto-reply, out-of-office or unknown bounce is not lost either: ops see it as a loop candidate.
            String sender = email.from() == null ? null : email.from().address();
            item.sent = publisher.sendRejected(new RejectedIntake(RejectedIntake.SCHEMA, item.messageId,
                    Channel.EMAIL, sender, item.receivedAt, RejectedIntake.Reason.LOOP, ignore.reason(),
                    payload(email)));
        }
        String cause = ignore.cause() == Verdict.Ignore.Cause.OWN_MAIL ? "own_mail" : "automatic";
        item.afterAck = () -> {
            metrics.ignored(cause);
            Log.infof("Message %s from %s: ignored, never answered (%s: %s)", item.messageId, masked(email), cause,
                    ignore.reason() == null ? "" : ignore.reason().replaceAll("[\\w.+-]+@[\\w.-]+", "<address>"));
        };
    }

    private void holdFlood(Item item) {
        ParsedEmail email = item.email;
        String sender = email.from().address();
        String detail = "С адреса пришло больше " + flood.maxMessages() + " писем за "
                + Math.max(1, flood.window().toMinutes()) + " мин.: письмо задержано и не зарегистрировано";
        item.sent = publisher.sendRejected(new RejectedIntake(RejectedIntake.SCHEMA, item.messageId, Channel.EMAIL,
                sender, item.receivedAt, RejectedIntake.Reason.FLOOD, detail, payload(email)));
        item.afterAck = () -> {
            metrics.rejected(RejectedIntake.Reason.FLOOD);
            metrics.flooded();
            String recipient = replyAddress(email);
            boolean noticed = replyPolicy.refusal(email, recipient) == null
                    && autoReplies.queueFloodNotice(item.messageId, email, recipient, flood.maxMessages(),
                    flood.window(), item.receivedAt);
            Log.warnf("Flood from %s: message %s held back (more than %d messages within %s)%s", masked(email),
                    item.messageId, flood.maxMessages(), flood.window(), noticed ? ", sender told" : "");
        };
    }

    private void unreadable(Item item) {
        byte[] raw = item.mail.raw();
        Log.warnf("Message %s (%d bytes) cannot be parsed (%s): kept as rejected (invalid_input)", item.messageId,
                raw.length, item.unparsable.toString());
        metrics.failure("unparsable");
        String head = new String(raw, 0, Math.min(raw.length, MAX_PAYLOAD), StandardCharsets.UTF_8);
        item.sent = publisher.sendRejected(new RejectedIntake(RejectedIntake.SCHEMA, item.messageId, Channel.EMAIL,
                null, item.receivedAt, RejectedIntake.Reason.INVALID_INPUT, "Письмо не удалось разобрать", head));
        item.afterAck = () -> metrics.rejected(RejectedIntake.Reason.INVALID_INPUT);
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
        if (files.isEmpty()) {
            return List.of();
        }
        try {
            return attachments.store(messageId, files);
        } catch (RuntimeException e) {
            throw new StorageException("its files could not be stored: " + e, e);
        }
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

    /** The database did not take part (files, the ticket projection): the message waits for a later pass. */
    static final class StorageException extends RuntimeException {
        StorageException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The ticket projection could not be read: judging without it could attach mail to the wrong ticket. */
    static final class DirectoryUnavailableException extends RuntimeException {
        DirectoryUnavailableException(Throwable cause) {
            super(cause);
        }
    }
}
