package ru.getmark.support.ticket.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import ru.getmark.support.common.event.Deadlines;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.inn.Inn;
import ru.getmark.support.ticket.domain.PriorityRules;
import ru.getmark.support.ticket.domain.Ticket;
import ru.getmark.support.ticket.domain.TicketStatusChange;
import ru.getmark.support.ticket.repository.RegistrationWriter;
import ru.getmark.support.ticket.repository.TicketRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Registers a whole batch of intake messages in ONE transaction, so that a durable commit (an fsync) is paid per
 * batch instead of per ticket — the registration throughput of issue 8.
 * <p>
 * New requests are written in bulk ({@link RegistrationWriter}): one query finds those processed before (R5), one
 * takes the others' ticket numbers, one statement claims their message ids and writes tickets, first status changes,
 * attachments and {@code registered} events. Deadlines are computed in memory, once per priority (the batch has one registration
 * instant). Follow-ups, confirmations and bounces are rare and touch existing tickets with optimistic locking: they
 * take {@link TicketService#register}'s one-message path, inside this transaction, after the new requests that came
 * before them in the batch are written — so each customer's messages (one partition, in order) are applied in order.
 * <p>
 * All or nothing: any exception rolls the whole batch back (claims included) and the caller registers the batch
 * again one message per transaction, where poison messages and optimistic-lock losers are dealt with one by one.
 */
@ApplicationScoped
public class BatchRegistration {

    private final TicketService tickets;
    private final TicketRepository ticketRepository;
    private final RegistrationWriter writer;
    private final SlaDeadlines slaDeadlines;
    private final Clock clock;
    private final Event<OutboxWritten> outboxWritten;

    public BatchRegistration(TicketService tickets, TicketRepository ticketRepository, RegistrationWriter writer,
                             SlaDeadlines slaDeadlines, Clock clock, Event<OutboxWritten> outboxWritten) {
        this.tickets = tickets;
        this.ticketRepository = ticketRepository;
        this.writer = writer;
        this.slaDeadlines = slaDeadlines;
        this.clock = clock;
        this.outboxWritten = outboxWritten;
    }

    /**
     * @param messages the batch, in the order consumed (a customer's messages in the order they were sent)
     * @return what each message did, in the same order
     * @throws RuntimeException anything: the transaction is rolled back whole, nothing of the batch is recorded
     */
    @Transactional
    public List<Registration> registerAll(List<IntakeMessage> messages) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Registration[] results = new Registration[messages.size()];
        Set<String> seen = new HashSet<>();
        List<Integer> newRequests = new ArrayList<>();
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            IntakeMessage message = messages.get(i);
            if (!seen.add(message.messageId())) {
                Log.infof("Message %s came twice in one batch, skipped the second time (R5)", message.messageId());
                results[i] = Registration.duplicate();
            } else if (message.kind() == IntakeMessage.Kind.NEW_REQUEST) {
                newRequests.add(i);
            } else {
                registerNew(messages, newRequests, now, results, numbers);
                newRequests.clear();
                results[i] = tickets.register(message);
            }
        }
        registerNew(messages, newRequests, now, results, numbers);
        if (!numbers.isEmpty()) {
            outboxWritten.fire(new OutboxWritten(null)); // one wake of the relay for the whole batch (no single ticket)
        }
        return Arrays.asList(results);
    }

    /**
     * Registers the new requests at these positions in bulk: which were processed before (one query), numbers for the
     * others (one query), related tickets (one query, only when some request names one), then tickets, first steps,
     * attachments, events and the message-id claims in one statement.
     *
     * @param numbers the ticket numbers registered so far in this batch (a related ticket may be one of them)
     */
    private void registerNew(List<IntakeMessage> messages, List<Integer> positions, Instant now,
                             Registration[] results, Set<String> numbers) {
        if (positions.isEmpty()) {
            return;
        }
        List<Inn> inns = new ArrayList<>(positions.size());
        Set<String> ids = new LinkedHashSet<>();
        for (int i : positions) {
            inns.add(TicketService.innOf(messages.get(i)));
            ids.add(messages.get(i).messageId());
        }
        ticketRepository.flush(); // what the one-message path changed before is written first (order of the outbox)
        Set<String> processed = writer.processed(ids); // known duplicates take no ticket number
        List<String> fresh = writer.nextNumbers(ids.size() - processed.size());

        List<String> relatedNumbers = new ArrayList<>(positions.size());
        for (int i : positions) {
            relatedNumbers.add(processed.contains(messages.get(i).messageId()) ? null
                    : TicketService.relatedNumberOf(messages.get(i)));
        }
        Set<String> existing = writer.existing(relatedNumbers.stream().filter(Objects::nonNull)
                .collect(Collectors.toSet()));

        Map<Priority, Deadlines> deadlines = new EnumMap<>(Priority.class);
        List<Ticket> created = new ArrayList<>(fresh.size());
        List<TicketStatusChange> steps = new ArrayList<>(fresh.size());
        List<RegistrationWriter.EventRow> events = new ArrayList<>(fresh.size());
        List<IntakeMessage> createdFrom = new ArrayList<>(fresh.size());
        List<Inn> createdInns = new ArrayList<>(fresh.size());
        Set<String> batchNumbers = new HashSet<>(numbers);
        int next = 0;
        for (int k = 0; k < positions.size(); k++) {
            IntakeMessage message = messages.get(positions.get(k));
            if (processed.contains(message.messageId())) {
                continue;
            }
            String number = fresh.get(next++);
            Priority priority = PriorityRules.initialPriority(message.type(), message.impact());
            Ticket ticket = TicketService.newTicket(message, inns.get(k), now, number,
                    deadlines.computeIfAbsent(priority, p -> slaDeadlines.forNewTicket(p, now, number)));
            ticket.relatedTicket = TicketService.relatedTicketOf(message, relatedNumbers.get(k),
                    n -> existing.contains(n) || batchNumbers.contains(n));
            batchNumbers.add(number);
            created.add(ticket);
            createdFrom.add(message);
            createdInns.add(inns.get(k));
            steps.add(TicketStatusChange.of(ticket, TicketStatus.REGISTRATION, TicketStatus.NEW,
                    TicketStatusChange.SYSTEM, now, TicketService.registrationReason(ticket)));
            events.add(TicketService.toOutboxRow(TicketService.registeredEvent(ticket, now), now));
        }
        Set<String> claimed = writer.insert(now, created, steps, events);

        Map<String, Ticket> byMessage = new HashMap<>();
        for (int c = 0; c < created.size(); c++) {
            Ticket ticket = created.get(c);
            if (claimed.contains(ticket.messageId)) {
                byMessage.put(ticket.messageId, ticket);
                numbers.add(ticket.number);
                TicketService.logRegistered(ticket, createdFrom.get(c), createdInns.get(c));
            }
        }
        for (int i : positions) {
            Ticket ticket = byMessage.get(messages.get(i).messageId());
            if (ticket == null) {
                Log.infof("Message %s was processed before, skipped (R5)", messages.get(i).messageId());
                results[i] = Registration.duplicate();
            } else {
                results[i] = Registration.registered(ticket.number);
            }
        }
    }
}
