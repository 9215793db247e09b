package ru.getmark.support.whatsapp.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.adapter.chat.ChatFloodRepository;
import ru.getmark.support.whatsapp.config.WhatsAppConfig;
import ru.getmark.support.whatsapp.repository.InboxRepository;
import ru.getmark.support.whatsapp.repository.NoticeRepository;
import ru.getmark.support.whatsapp.repository.OutboxRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the tables small: messages, statuses and notices done with longer ago than
 * {@code getmark.whatsapp.retention}, and old flood-guard windows. Nothing still pending is touched. Runs hourly on
 * every replica; the deletes are idempotent.
 */
@ApplicationScoped
public class Housekeeping {

    private final InboxRepository inbox;
    private final OutboxRepository outbox;
    private final NoticeRepository notices;
    private final ChatFloodRepository flood;
    private final WhatsAppConfig config;
    private final Clock clock;

    Housekeeping(InboxRepository inbox, OutboxRepository outbox, NoticeRepository notices,
                 ChatFloodRepository flood, WhatsAppConfig config, Clock clock) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.notices = notices;
        this.flood = flood;
        this.config = config;
        this.clock = clock;
    }

    /** @return always false: one pass per poll interval */
    public boolean runOnce() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(config.retention());
        try {
            int deleted = QuarkusTransaction.requiringNew().call(() -> inbox.deleteDoneBefore(cutoff)
                    + outbox.deleteDoneBefore(cutoff) + notices.deleteBefore(cutoff)
                    + flood.deleteBefore(now.minus(config.flood().window()).minus(Duration.ofHours(1))));
            if (deleted > 0) {
                Log.infof("Housekeeping: %d old row(s) deleted", deleted);
            }
        } catch (RuntimeException e) {
            Log.warnf("Housekeeping skipped: %s", e.getMessage());
        }
        return false;
    }
}
