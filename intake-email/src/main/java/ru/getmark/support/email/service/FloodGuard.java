package ru.getmark.support.email.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import ru.getmark.support.email.config.EmailIntakeConfig;
import ru.getmark.support.email.repository.FloodRepository;

import java.time.Instant;

/**
 * A flood from one sender (a mail loop with a broken autoresponder, a script, a customer resending in a panic) is held
 * back rather than turned into hundreds of tickets: a sender may send {@code getmark.email.flood.max-messages} within
 * {@code getmark.email.flood.window} (by the mail server's arrival times, so a backlog read after an outage is judged
 * by when it came, not when it was read); later ones are kept on the rejected topic (reason flood). Counted in the
 * database, so every replica sees the same count and a message read again counts once.
 */
@ApplicationScoped
public class FloodGuard {

    private final FloodRepository senders;
    private final EmailIntakeConfig.Flood config;

    FloodGuard(FloodRepository senders, EmailIntakeConfig config) {
        this.senders = senders;
        this.config = config.flood();
    }

    /** Records the message and says whether it is one too many for its sender. */
    @Transactional
    public boolean isFlood(String senderAddress, String messageId, Instant receivedAt) {
        String sender = Addresses.hash(senderAddress);
        senders.record(sender, messageId, receivedAt);
        long earlier = senders.countEarlier(sender, messageId, receivedAt.minus(config.window()));
        return earlier >= config.maxMessages();
    }

    public int maxMessages() {
        return config.maxMessages();
    }

    public java.time.Duration window() {
        return config.window();
    }
}
