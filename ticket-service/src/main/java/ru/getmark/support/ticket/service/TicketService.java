package ru.getmark.support.ticket.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.Deadlines;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.ReplyAddress;
import ru.getmark.support.common.event.TicketEventData;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.common.inn.Inn;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.ticket.domain.OutboxEvent;
import ru.getmark.support.ticket.domain.PriorityRules;
import ru.getmark.support.ticket.domain.ProcessedMessage;
import ru.getmark.support.ticket.domain.Ticket;
import ru.getmark.support.ticket.domain.TicketAttachment;
import ru.getmark.support.ticket.domain.TicketStatusChange;
import ru.getmark.support.ticket.domain.lifecycle.Lifecycle;
import ru.getmark.support.ticket.domain.lifecycle.Outcome;
import ru.getmark.support.ticket.repository.OutboxRepository;
import ru.getmark.support.ticket.repository.ProcessedMessageRepository;
import ru.getmark.support.ticket.repository.RegistrationWriter;
import ru.getmark.support.ticket.repository.TicketRepository;
import ru.getmark.support.ticket.repository.TicketStatusChangeRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registers tickets from intake messages. One transaction writes the ticket, its first status change, the
 * processed-message record and the {@code registered} event in the outbox, so a crash at any point either leaves
 * nothing (the message is redelivered) or everything (the redelivery is recognised and skipped, R5).
 */
@ApplicationScoped
public class TicketService {

    /** Reason recorded for the automatic Регистрация → Новый step (R8). */
    static final String REGISTRATION_REASON = "Автоматическая регистрация обращения";
    /** Ticket numbers come from {@code ticket_number_seq}: digits only, as customers write them maybe after "№". */
    private static final Pattern TICKET_NUMBER = Pattern.compile("(?:№\\s*)?([0-9]{1,18})");
    private static final int DERIVED_SUBJECT_LENGTH = 100;

    private final TicketRepository tickets;
    private final TicketStatusChangeRepository statusChanges;
    private final ProcessedMessageRepository processedMessages;
    private final OutboxRepository outbox;
    private final SlaDeadlines slaDeadlines;
    private final Clock clock;
    private final Event<OutboxWritten> outboxWritten;
    private final Lifecycle lifecycle;
    private final TicketLifecycleService lifecycleService;

    public TicketService(TicketRepository tickets, TicketStatusChangeRepository statusChanges,
                         ProcessedMessageRepository processedMessages, OutboxRepository outbox,
                         SlaDeadlines slaDeadlines, Clock clock, Event<OutboxWritten> outboxWritten,
                         Lifecycle lifecycle, TicketLifecycleService lifecycleService) {
        this.lifecycle = lifecycle;
        this.lifecycleService = lifecycleService;
        this.tickets = tickets;
        this.statusChanges = statusChanges;
        this.processedMessages = processedMessages;
        this.outbox = outbox;
        this.slaDeadlines = slaDeadlines;
        this.clock = clock;
        this.outboxWritten = outboxWritten;
    }

    /**
     * Consumes one intake message, at most once per {@code messageId} (R5), also when two consumers get it at the
     * same time (see {@link ProcessedMessageRepository#claim}).
     *
     * @throws InvalidIntakeException when a new request has no valid ИНН (adapters validate it already, so this is
     *                                a defect upstream: the message goes to the dead-letter topic)
     */
    @Transactional
    public Registration register(IntakeMessage message) {
        // The registration time is this service's clock, not the adapter's receivedAt: a skewed or replayed
        // receivedAt must not move the SLA clock (and never into the future).
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // exhaustive: a kind added to the contract does not compile until it is decided here
        return switch (message.kind()) {
            case NEW_REQUEST -> newRequest(message, now);
            case FOLLOW_UP, CONFIRMATION -> followUp(message, now);
            // a bounce of our own notice is not a message from the customer: it must never take the follow-up path
            // (which would answer an information request, reopen a solved ticket or open a new ticket)
            case DELIVERY_FAILURE -> deliveryFailure(message, now);
        };
    }

    /** A new request: a new ticket, linked to the ticket the message names when it names one. */
    private Registration newRequest(IntakeMessage message, Instant now) {
        Inn inn = innOf(message);
        if (!processedMessages.claim(message.messageId(), now, ProcessedMessage.Outcome.REGISTERED)) {
            Log.infof("Message %s was processed before, skipped (R5)", message.messageId());
            return Registration.duplicate();
        }

        String number = tickets.nextNumber();
        Ticket ticket = newTicket(message, inn, now, number,
                slaDeadlines.forNewTicket(PriorityRules.initialPriority(message.type(), message.impact()), now,
                        number));
        ticket.relatedTicket = relatedTicketOf(message, n -> tickets.findByNumber(n).isPresent());
        tickets.persist(ticket);
        statusChanges.persist(TicketStatusChange.of(ticket, TicketStatus.REGISTRATION, TicketStatus.NEW,
                TicketStatusChange.SYSTEM, now, registrationReason(ticket)));
        processedMessages.linkTicket(message.messageId(), ticket.number);
        outbox.persist(toOutbox(registeredEvent(ticket, now), now));
        outboxWritten.fire(new OutboxWritten(ticket.number));
        logRegistered(ticket, message, inn);
        return Registration.registered(ticket.number);
    }

    /**
     * The ИНН of a new request; none valid → {@link InvalidIntakeException} (a defect upstream: adapters validate
     * it), whose message names the problem but never the ИНН itself.
     */
    static Inn innOf(IntakeMessage message) {
        try {
            return Inn.parse(message.inn());
        } catch (Inn.InvalidInnException e) {
            throw new InvalidIntakeException("new request " + message.messageId() + " has no valid ИНН ("
                    + e.problem() + "): " + e.problem().message());
        }
    }

    /**
     * Why an intake message can never be registered, found without the database: a new request without a valid
     * ИНН. The listener parks such messages at once instead of failing the whole batch they came in.
     */
    public static Optional<InvalidIntakeException> refusal(IntakeMessage message) {
        if (message.kind() != IntakeMessage.Kind.NEW_REQUEST) {
            return Optional.empty();
        }
        try {
            innOf(message);
            return Optional.empty();
        } catch (InvalidIntakeException e) {
            return Optional.of(e);
        }
    }

    /** The reason of the automatic Регистрация → Новый step (R8), naming the related ticket when there is one. */
    static String registrationReason(Ticket ticket) {
        return ticket.relatedTicket == null ? REGISTRATION_REASON
                : REGISTRATION_REASON + " (в сообщении указано обращение № " + ticket.relatedTicket + ")";
    }

    /**
     * The {@code registered} event. The customer's text travels with the registration of a Критический ticket only,
     * so that its #Пожар post (Appendix 2) can describe the problem without calling back: no other consumer reads it,
     * and it was most of every event's bytes — serialised, stored in the outbox, published and parsed for every
     * ticket (issue 8). (Today no ticket is registered Критический: staff set it, R7.)
     */
    static TicketEvent registeredEvent(Ticket ticket, Instant now) {
        return TicketEvent.of(TicketEventType.REGISTERED, now, ticket.snapshot(),
                related("system", ticket.relatedTicket, ticket.priority == Priority.CRITICAL ? ticket.text : null));
    }

    static void logRegistered(Ticket ticket, IntakeMessage message, Inn inn) {
        Log.infof("Registered ticket %s from %s message %s (ИНН %s, type %s, priority %s%s)", ticket.number,
                ticket.channel, message.messageId(), inn.masked(), ticket.type, ticket.priority,
                ticket.relatedTicket == null ? "" : ", related to " + ticket.relatedTicket);
    }

    /**
     * The existing ticket a new request refers to without belonging to it (an email whose subject names another
     * customer's ticket): linked, so staff see both. A number that is malformed or names no ticket is ignored with a
     * log line — the request is registered all the same.
     *
     * @param exists whether a ticket with that number exists
     */
    static String relatedTicketOf(IntakeMessage message, Predicate<String> exists) {
        return relatedTicketOf(message, relatedNumberOf(message), exists);
    }

    /** {@link #relatedTicketOf(IntakeMessage, Predicate)} with the number already taken from the message. */
    static String relatedTicketOf(IntakeMessage message, String number, Predicate<String> exists) {
        if (number == null) {
            return null;
        }
        if (!exists.test(number)) {
            Log.warnf("Message %s names related ticket %s, which does not exist: ignored", message.messageId(),
                    number);
            return null;
        }
        return number;
    }

    /** The ticket number a new request names as related, or null when it names none or something else. */
    static String relatedNumberOf(IntakeMessage message) {
        if (message.relatedTicket() == null || message.relatedTicket().isBlank()) {
            return null;
        }
        Matcher m = TICKET_NUMBER.matcher(message.relatedTicket().strip());
        if (!m.matches()) {
            Log.warnf("Message %s names a related ticket that is not a ticket number (%d characters): ignored",
                    message.messageId(), message.relatedTicket().strip().length());
            return null;
        }
        return m.group(1);
    }

    /** A ticket by its number. */
    @Transactional
    public Ticket get(String number) {
        return tickets.findByNumber(number).orElseThrow(() ->
                new TicketNotFoundException("Обращение № " + number + " не найдено"));
    }

    /** The ticket an intake message produced, e.g. the one behind the message id intake-phone answered with. */
    @Transactional
    public Ticket getByMessageId(String messageId) {
        return tickets.findByMessageId(messageId).orElseThrow(() ->
                new TicketNotFoundException("Обращение по сообщению " + messageId + " не найдено"));
    }

    /**
     * A follow-up (R4) or a confirmation reply (R12) for a ticket: the answer to an information request returns it to
     * В работе (R11); a reply within the confirmation window reopens it (§5.27); a message for a ticket closed for good
     * opens a new ticket linked to the old one; otherwise it is recorded on the ticket. Idempotent on the message id
     * (R5). A message naming no known ticket is parked on the dead-letter topic ({@link #existingTicket}).
     */
    private Registration followUp(IntakeMessage message, Instant now) {
        Ticket ticket = existingTicket(message);
        if (!processedMessages.claim(message.messageId(), now, ProcessedMessage.Outcome.FOLLOW_UP)) {
            Log.infof("Message %s was processed before, skipped (R5)", message.messageId());
            return Registration.duplicate();
        }
        Lifecycle.FollowUpEffect effect = lifecycle.followUpEffect(ticket, now);
        Outcome outcome;
        if (message.kind() == IntakeMessage.Kind.CONFIRMATION) {
            // "the solution works": closes the ticket within the window; otherwise nothing to reopen or open
            outcome = Lifecycle.inConfirmationWindow(ticket, now)
                    ? lifecycle.confirmByMessage(ticket, now, message.text())
                    : lifecycle.recordMessage(ticket, message.text());
        } else if (effect == Lifecycle.FollowUpEffect.CLOSED_FOR_GOOD) {
            return reopenAsNewTicket(message, ticket, now);
        } else {
            outcome = lifecycle.followUp(ticket, now, message.text());
        }
        // the customer's new files join the ticket (claim-check references, R4)
        message.attachments().forEach(ref -> ticket.addAttachment(TicketAttachment.of(ref)));
        ticket.lastCustomerMessageAt = now;
        lifecycleService.record(ticket, outcome, now, "message=" + message.messageId());
        processedMessages.linkTicket(message.messageId(), ticket.number);
        Log.infof("Ticket %s: %s %s from %s (%s)", ticket.number, message.kind(), message.messageId(),
                message.channel(), effect);
        return Registration.followUp(ticket.number);
    }

    /**
     * One of our notices to the customer of the ticket bounced: a {@code notice-bounced} history action by
     * {@code system} with the diagnostic as its reason, and the ticket's delivery problem (when, why, how often) for
     * the ticket view, so the first line knows the address is wrong and phones the customer. Nothing else changes —
     * status, deadlines, SLA pauses, answer and confirmation windows — and no event is published: a notice about it
     * would only bounce again, and the contract has no event type for it. Idempotent on the message id (R5).
     */
    private Registration deliveryFailure(IntakeMessage message, Instant now) {
        Ticket ticket = existingTicket(message);
        if (!processedMessages.claim(message.messageId(), now, ProcessedMessage.Outcome.DELIVERY_FAILURE)) {
            Log.infof("Message %s was processed before, skipped (R5)", message.messageId());
            return Registration.duplicate();
        }
        Outcome outcome = lifecycle.deliveryFailed(ticket, now, message.text());
        // a versioned change of the ticket: a concurrent staff action makes it fail here and the listener retries it
        lifecycleService.record(ticket, outcome, now, "message=" + message.messageId());
        processedMessages.linkTicket(message.messageId(), ticket.number);
        // the diagnostic may quote the customer's address: it stays out of the log
        Log.infof("Ticket %s: a notice to the customer bounced (message %s, %d so far)", ticket.number,
                message.messageId(), ticket.deliveryFailures);
        return Registration.deliveryFailure(ticket.number);
    }

    /**
     * The ticket a follow-up, confirmation or bounce names. None → {@link UnknownTicketException}: the transaction
     * records nothing and the listener's failure strategy parks the whole message on {@code getmark.intake.v1.dlq}
     * with the reason, for ops; the consumer goes on. (Numbers are handed out only after registration, so retrying
     * cannot help, and recording the id alone would lose the customer's words.)
     */
    private Ticket existingTicket(IntakeMessage message) {
        String number = message.ticketNumber() == null ? "" : message.ticketNumber().strip();
        Optional<Ticket> ticket = number.isEmpty() ? Optional.empty() : tickets.findByNumber(number);
        if (ticket.isPresent()) {
            return ticket.get();
        }
        String named = number.isEmpty() ? "no ticket" : "ticket " + abbreviate(number);
        // the listener logs the parking once, with this reason; a batch that meets it first is rolled back and
        // registered one by one, so a WARN here came twice
        Log.debugf("Message %s is a %s for %s, which does not exist", message.messageId(), message.kind(), named);
        throw new UnknownTicketException(message.kind().name().toLowerCase(Locale.ROOT) + " message "
                + message.messageId() + " names " + named + ", which does not exist");
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 39) + "…";
    }

    /** A message for a ticket closed for good opens a new ticket that links to the old one. */
    private Registration reopenAsNewTicket(IntakeMessage message, Ticket old, Instant now) {
        Inn inn = Inn.parse(message.inn() != null && Inn.check(message.inn()).isEmpty() ? message.inn() : old.inn);
        IntakeMessage request = new IntakeMessage(message.schema(), message.messageId(),
                IntakeMessage.Kind.NEW_REQUEST, message.channel(), message.receivedAt(), inn.value(),
                merged(message.customer(), old.customer()), null,
                message.type() != null ? message.type() : old.type,
                message.process() != null ? message.process() : old.process,
                message.subject() != null && !message.subject().isBlank() ? message.subject()
                        : "Повторное обращение по № " + old.number + (old.subject == null ? "" : ": " + old.subject),
                message.text(), message.impact() != null ? message.impact() : old.impact, message.attachments(),
                message.replyTo() != null ? message.replyTo()
                        : old.replyChannel == null ? null : new ReplyAddress(old.replyChannel, old.replyAddress));
        String number = tickets.nextNumber();
        Ticket ticket = newTicket(request, inn, now, number,
                slaDeadlines.forNewTicket(PriorityRules.initialPriority(request.type(), request.impact()), now,
                        number));
        ticket.relatedTicket = old.number;
        old.lastCustomerMessageAt = now;
        tickets.persist(ticket);
        statusChanges.persist(TicketStatusChange.of(ticket, TicketStatus.REGISTRATION, TicketStatus.NEW,
                TicketStatusChange.SYSTEM, now, REGISTRATION_REASON + " (по сообщению к закрытому обращению № "
                        + old.number + ")"));
        processedMessages.linkTicket(message.messageId(), ticket.number);
        outbox.persist(toOutbox(registeredEvent(ticket, now), now));
        outbox.persist(toOutbox(TicketEvent.of(TicketEventType.FOLLOW_UP_RECEIVED, now, old.snapshot(),
                related("customer", ticket.number, message.text())), now));
        outboxWritten.fire(new OutboxWritten(ticket.number));
        Log.infof("Ticket %s is closed: %s %s opened ticket %s linked to it", old.number, message.kind(),
                message.messageId(), ticket.number);
        return Registration.registered(ticket.number);
    }

    static TicketEventData related(String actor, String relatedTicket, String text) {
        return new TicketEventData(actor, null, null, null, null, null, null, null, null, null, null, null, null,
                null, relatedTicket, text == null || text.isBlank() ? null : text.strip(), null);
    }

    private static CustomerContact merged(CustomerContact now, CustomerContact before) {
        return new CustomerContact(
                now.name() != null ? now.name() : before.name(),
                now.email() != null ? now.email() : before.email(),
                now.phone() != null ? now.phone() : before.phone(),
                now.telegramChatId() != null ? now.telegramChatId() : before.telegramChatId(),
                now.whatsappId() != null ? now.whatsappId() : before.whatsappId());
    }

    /**
     * A new ticket as registration makes it. {@link ru.getmark.support.ticket.repository.RegistrationWriter} writes
     * these fields in bulk: a field set here must be written there too (RegistrationBatchTest compares both paths).
     */
    static Ticket newTicket(IntakeMessage message, Inn inn, Instant now, String number, Deadlines deadlines) {
        Ticket t = new Ticket();
        t.number = number;
        t.messageId = message.messageId();
        t.status = TicketStatus.NEW;
        t.type = message.type();
        t.needsClassification = PriorityRules.needsClassification(message.type());
        t.priority = PriorityRules.initialPriority(message.type(), message.impact());
        t.line = SupportLine.FIRST;
        t.channel = message.channel();
        t.inn = inn.value();
        t.setCustomer(message.customer());
        t.subject = subjectOf(message);
        t.text = message.text();
        t.process = message.process();
        t.impact = message.impact();
        if (message.replyTo() != null) {
            t.replyChannel = message.replyTo().channel();
            t.replyAddress = message.replyTo().address();
        }
        t.receivedAt = message.receivedAt();
        t.registeredAt = now;
        t.setDeadlines(deadlines);
        message.attachments().forEach(ref -> t.addAttachment(TicketAttachment.of(ref)));
        return t;
    }

    /** The stated subject, else the first line of the text (staff queues need a title; phone calls have none). */
    static String subjectOf(IntakeMessage message) {
        if (message.subject() != null && !message.subject().isBlank()) {
            return message.subject().strip();
        }
        if (message.text() == null || message.text().isBlank()) {
            return null;
        }
        String firstLine = message.text().strip().lines().findFirst().orElse("").strip();
        return firstLine.length() <= DERIVED_SUBJECT_LENGTH
                ? firstLine
                : firstLine.substring(0, DERIVED_SUBJECT_LENGTH - 1).stripTrailing() + "…";
    }

    static OutboxEvent toOutbox(TicketEvent event, Instant now) {
        OutboxEvent row = new OutboxEvent();
        row.aggregateId = event.key();
        row.topic = Topics.TICKET_EVENTS;
        row.eventId = event.eventId();
        row.eventType = EVENT_TYPE_CODES.get(event.type());
        row.payload = Json.toJson(event);
        row.createdAt = now;
        return row;
    }

    /** The same row as {@link #toOutbox}, for the batch writer: the payload stays UTF-8 bytes. */
    static RegistrationWriter.EventRow toOutboxRow(TicketEvent event, Instant now) {
        return new RegistrationWriter.EventRow(event.key(), Topics.TICKET_EVENTS, event.eventId(),
                EVENT_TYPE_CODES.get(event.type()), Json.toBytes(event), now);
    }

    /** The JSON codes of the event types (as the payload spells them), computed once. */
    private static final Map<TicketEventType, String> EVENT_TYPE_CODES = eventTypeCodes();

    private static Map<TicketEventType, String> eventTypeCodes() {
        Map<TicketEventType, String> codes = new EnumMap<>(TicketEventType.class);
        for (TicketEventType type : TicketEventType.values()) {
            codes.put(type, Json.MAPPER.convertValue(type, String.class));
        }
        return codes;
    }
}
