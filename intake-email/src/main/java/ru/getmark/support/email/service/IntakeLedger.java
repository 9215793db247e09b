package ru.getmark.support.email.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The database's part of a chunk of mail, in ONE transaction (issue 8): the claim on every message
 * ({@link MessageClaims}) and, for the claimed ones that count, the flood count ({@link FloodGuard}). Before, each
 * message cost two transactions and so two commits (two fsyncs) on the reader's only thread; now a chunk costs one.
 * The entries are booked in the mailbox's order, so the flood guard's order of a sender's messages is the same.
 */
@ApplicationScoped
public class IntakeLedger {

    private final MessageClaims claims;
    private final FloodGuard flood;

    IntakeLedger(MessageClaims claims, FloodGuard flood) {
        this.claims = claims;
        this.flood = flood;
    }

    /**
     * One message to book.
     *
     * @param messageId   the message's id (R5)
     * @param floodSender the sender's address when the message counts towards a flood, else null
     * @param receivedAt  the server's arrival time
     */
    public record Entry(String messageId, String floodSender, Instant receivedAt) {
    }

    /**
     * @param claimed whether this replica holds the message now (false: another one does, leave it)
     * @param flood   whether the message is one too many for its sender
     */
    public record Booking(boolean claimed, boolean flood) {
    }

    /** Claims the messages and counts the claimed ones towards their senders' floods; one commit for all. */
    @Transactional
    public List<Booking> book(List<Entry> entries) {
        List<Booking> bookings = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            boolean claimed = claims.claim(entry.messageId());
            boolean flooded = claimed && entry.floodSender() != null
                    && flood.isFlood(entry.floodSender(), entry.messageId(), entry.receivedAt());
            bookings.add(new Booking(claimed, flooded));
        }
        return bookings;
    }
}
