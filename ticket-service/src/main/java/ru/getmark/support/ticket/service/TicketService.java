package ru.getmark.support.ticket.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import ru.getmark.support.common.event.IntakeMessage;
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
import ru.getmark.support.ticket.repository.OutboxRepository;
import ru.getmark.support.ticket.repository.ProcessedMessageRepository;
import ru.getmark.support.ticket.repository.TicketRepository;
import ru.getmark.support.ticket.repository.TicketStatusChangeRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Registers tickets from intake messages. One transaction writes the ticket, its first status change, the
 * processed-message record and the {@code registered} event in the outbox, so a crash at any point either leaves
 * nothing (the message is redelivered) or everything (the redelivery is recognised and skipped, R5).
 */
@ApplicationScoped
public class TicketService {

    /** Reason recorded for the automatic Регистрация → Новый step (R8). */
    static final String REGISTRATION_REASON = "Автоматическая регистрация обращения";
    private static final int DERIVED_SUBJECT_LENGTH = 100;

    private final TicketRepository tickets;
    private final TicketStatusChangeRepository statusChanges;
    private final ProcessedMessageRepository processedMessages;
    private final OutboxRepository outbox;
    private final SlaDeadlines slaDeadlines;
    private final Clock clock;
    private final Event<OutboxWritten> outboxWritten;

    public TicketService(TicketRepository tickets, TicketStatusChangeRepository statusChanges,
                         ProcessedMessageRepository processedMessages, OutboxRepository outbox,
                         SlaDeadlines slaDeadlines, Clock clock, Event<OutboxWritten> outboxWritten) {
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
        if (message.kind() != IntakeMessage.Kind.NEW_REQUEST) {
            return defer(message, now);
        }
        Inn inn;
        try {
            inn = Inn.parse(message.inn());
        } catch (Inn.InvalidInnException e) {
            throw new InvalidIntakeException("new request " + message.messageId() + " has no valid ИНН ("
                    + e.problem() + "): " + e.problem().message());
        }
        if (!processedMessages.claim(message.messageId(), now, ProcessedMessage.Outcome.REGISTERED)) {
            Log.infof("Message %s was processed before, skipped (R5)", message.messageId());
            return Registration.duplicate();
        }

        Ticket ticket = newTicket(message, inn, now);
        tickets.persist(ticket);
        statusChanges.persist(TicketStatusChange.of(ticket, TicketStatus.REGISTRATION, TicketStatus.NEW,
                TicketStatusChange.SYSTEM, now, REGISTRATION_REASON));
        processedMessages.linkTicket(message.messageId(), ticket.number);
        TicketEvent event = TicketEvent.registered(now, ticket.snapshot());
        outbox.persist(toOutbox(event, now));
        outboxWritten.fire(new OutboxWritten(ticket.number));

        Log.infof("Registered ticket %s from %s message %s (ИНН %s, type %s, priority %s)", ticket.number,
                ticket.channel, message.messageId(), inn.masked(), ticket.type, ticket.priority);
        return Registration.registered(ticket.number);
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
     * Follow-ups (R4) and confirmations (R12) belong to a later issue: until then they are only logged and recorded
     * as processed, so that they are not reprocessed when that code is deployed over an old offset.
     */
    private Registration defer(IntakeMessage message, Instant now) {
        if (!processedMessages.claim(message.messageId(), now, ProcessedMessage.Outcome.DEFERRED)) {
            return Registration.duplicate();
        }
        Log.warnf("Message %s is a %s for ticket %s: not handled yet (a later issue implements it), recorded as "
                + "processed", message.messageId(), message.kind(), message.ticketNumber());
        return Registration.deferred();
    }

    private Ticket newTicket(IntakeMessage message, Inn inn, Instant now) {
        Ticket t = new Ticket();
        t.number = tickets.nextNumber();
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
        t.setDeadlines(slaDeadlines.forNewTicket(t.priority, now, t.number));
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

    private static OutboxEvent toOutbox(TicketEvent event, Instant now) {
        OutboxEvent row = new OutboxEvent();
        row.aggregateId = event.key();
        row.topic = Topics.TICKET_EVENTS;
        row.eventId = event.eventId();
        row.eventType = Json.MAPPER.convertValue(event.type(), String.class);
        row.payload = Json.toJson(event);
        row.createdAt = now;
        return row;
    }
}
