package ru.getmark.support.ticket.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import ru.getmark.support.ticket.domain.Ticket;
import ru.getmark.support.ticket.domain.lifecycle.Lifecycle;
import ru.getmark.support.ticket.domain.lifecycle.Outcome;
import ru.getmark.support.ticket.repository.TicketRepository;

import java.time.Instant;

/**
 * The customer's answer to a solution through the personal link (R12). The link is found by the SHA-256 of its
 * token; it works for that ticket only, only while the solution awaits confirmation, and once: confirming or
 * rejecting clears the stored hash.
 */
@ApplicationScoped
public class ConfirmationService {

    private final TicketRepository tickets;
    private final Lifecycle lifecycle;
    private final TicketLifecycleService lifecycleService;

    public ConfirmationService(TicketRepository tickets, Lifecycle lifecycle,
                               TicketLifecycleService lifecycleService) {
        this.tickets = tickets;
        this.lifecycle = lifecycle;
        this.lifecycleService = lifecycleService;
    }

    /** The link is unknown, used, or its window is over. */
    public static class LinkGoneException extends RuntimeException {
        public LinkGoneException(String message) {
            super(message);
        }
    }

    /** The ticket awaiting confirmation behind the token. */
    @Transactional
    public Ticket open(String token) {
        Ticket t = find(token);
        if (!Lifecycle.inConfirmationWindow(t, lifecycleService.now())) {
            throw new LinkGoneException("Срок подтверждения решения по обращению № " + t.number + " истёк.");
        }
        return t;
    }

    /**
     * Confirms (with a rating) or rejects the solution.
     *
     * @return the ticket after the answer
     */
    @Transactional
    public Ticket answer(String token, boolean confirmed, String rating, String comment) {
        Ticket t = open(token);
        Instant now = lifecycleService.now();
        Outcome o = confirmed ? lifecycle.confirm(t, now, rating, comment) : lifecycle.reject(t, now, comment);
        lifecycleService.record(t, o, now, confirmed ? "rating=" + rating : null);
        Log.infof("Ticket %s: the customer %s the solution", t.number, confirmed ? "confirmed" : "rejected");
        return t;
    }

    private Ticket find(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            throw new LinkGoneException("Ссылка недействительна.");
        }
        return tickets.find("confirmationTokenHash", ConfirmationLinks.hash(token)).firstResultOptional()
                .orElseThrow(() -> new LinkGoneException("Ссылка недействительна или уже использована."));
    }
}
