package ru.getmark.support.whatsapp.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import ru.getmark.support.whatsapp.domain.WhatsAppInbound;
import ru.getmark.support.whatsapp.repository.ConversationRepository;
import ru.getmark.support.whatsapp.repository.InboxRepository;

import java.time.Clock;
import java.util.Map;

/**
 * Takes a verified webhook message: stores its whole form in the inbox (keyed by MessageSid, so a repeated POST
 * changes nothing) and renews the customer's 24-hour window, in one short transaction, so that the webhook can answer
 * Twilio at once. Twilio does not redeliver a failed WhatsApp webhook: once this returns, the message cannot be lost;
 * the handling (dialogue, Kafka) happens in {@link InboxProcessor}.
 */
@ApplicationScoped
public class InboxService {

    private final InboxRepository inbox;
    private final ConversationRepository conversations;
    private final Wakeups wakeups;
    private final Clock clock;

    InboxService(InboxRepository inbox, ConversationRepository conversations, Wakeups wakeups, Clock clock) {
        this.inbox = inbox;
        this.conversations = conversations;
        this.wakeups = wakeups;
        this.clock = clock;
    }

    /** @return false when the message was stored before (a redelivery) */
    @Transactional
    public boolean accept(WhatsAppInbound message, Map<String, String> form) {
        var now = clock.instant();
        conversations.inbound(message.waId(), message.profileName(), now);
        boolean stored = inbox.accept(message.messageSid(), message.waId(), form, now);
        if (stored) {
            wakeups.inboxAfterCommit();
        }
        return stored;
    }
}
