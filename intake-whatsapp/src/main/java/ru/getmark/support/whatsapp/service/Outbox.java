package ru.getmark.support.whatsapp.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import ru.getmark.support.whatsapp.domain.OutboundPart;
import ru.getmark.support.whatsapp.repository.OutboxRepository;

import java.time.Instant;
import java.util.List;

/**
 * Queues messages to a customer in the outbox, in the caller's transaction: the replies of a turn are queued together
 * with the state the turn produced (a crash cannot save one without the other), and sent by {@link OutboxSender}
 * once committed.
 */
@ApplicationScoped
public class Outbox {

    private final OutboxRepository outbox;
    private final Wakeups wakeups;

    Outbox(OutboxRepository outbox, Wakeups wakeups) {
        this.outbox = outbox;
        this.wakeups = wakeups;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void queue(String waId, String purpose, String source, String ticketNumber, List<OutboundPart> parts,
                      Instant now) {
        for (OutboundPart part : parts) {
            outbox.enqueue(waId, purpose, source, ticketNumber, part, null, 0, now, now);
        }
        if (!parts.isEmpty()) {
            wakeups.outboxAfterCommit();
        }
    }
}
