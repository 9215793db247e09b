package ru.getmark.support.whatsapp.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.whatsapp.config.WhatsAppConfig;
import ru.getmark.support.whatsapp.repository.InboxRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Takes the next due inbox message (one number at a time, in order) and hands it to {@link InboundHandler} in one
 * transaction that holds its row lock. When the turn cannot be completed the transaction rolls back and the message
 * is rescheduled with exponential backoff: outages (Kafka, Twilio media) without limit, unexpected failures up to
 * {@code getmark.whatsapp.inbox.max-defect-attempts}, after which the message is parked as failed for ops (ERROR log,
 * metric) so that it does not hold the customer's later messages forever.
 */
@ApplicationScoped
public class InboxProcessor {

    /** A turn waits at most this long for Kafka and media, well inside the transaction timeout. */
    private static final int TRANSACTION_TIMEOUT_SECONDS = 300;

    private final InboxRepository inbox;
    private final InboundHandler handler;
    private final WhatsAppMetrics metrics;
    private final WhatsAppConfig config;
    private final Clock clock;

    InboxProcessor(InboxRepository inbox, InboundHandler handler, WhatsAppMetrics metrics, WhatsAppConfig config,
                   Clock clock) {
        this.inbox = inbox;
        this.handler = handler;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /** Handles one due message; @return false when there was none. */
    public boolean runOnce() {
        Instant now = clock.instant();
        AtomicReference<InboxRepository.Row> taken = new AtomicReference<>();
        try {
            Optional<String> outcome = QuarkusTransaction.requiringNew().timeout(TRANSACTION_TIMEOUT_SECONDS)
                    .call(() -> {
                        Optional<InboxRepository.Row> row = inbox.lockNextDue(now);
                        if (row.isEmpty()) {
                            return Optional.<String>empty();
                        }
                        taken.set(row.get());
                        return Optional.of(handler.handle(row.get()));
                    });
            outcome.ifPresent(metrics::inbound);
            return outcome.isPresent();
        } catch (RuntimeException e) {
            InboxRepository.Row row = taken.get();
            if (row == null) {
                Log.warnf("Inbox not readable: %s", e.getMessage());
                return false;
            }
            reschedule(row, e);
            return true;
        }
    }

    private void reschedule(InboxRepository.Row row, RuntimeException e) {
        Instant now = clock.instant();
        RetryLaterException outage = RetryLaterException.find(e);
        int attempts = row.attempts() + 1;
        int defects = row.defects() + (outage == null ? 1 : 0);
        String error = outage != null ? outage.getMessage() : String.valueOf(e);
        if (outage == null && defects >= config.inbox().maxDefectAttempts()) {
            Log.errorf(e, "WhatsApp %s failed %d times: parked as failed (see inbound_message.last_error)",
                    row.messageSid(), defects);
            QuarkusTransaction.requiringNew().run(() -> inbox.finish(row.messageSid(), InboxRepository.FAILED,
                    error, now));
            metrics.inbound(InboxRepository.FAILED);
            return;
        }
        Duration delay = backoff(config.inbox().initialBackoff(), config.inbox().maxBackoff(), attempts);
        if (outage != null) {
            Log.warnf("WhatsApp %s not handled yet (%s); attempt %d, next in %d ms", row.messageSid(), error,
                    attempts, delay.toMillis());
        } else {
            Log.errorf(e, "WhatsApp %s failed (attempt %d); next in %d ms", row.messageSid(), attempts,
                    delay.toMillis());
        }
        QuarkusTransaction.requiringNew().run(() -> inbox.retryLater(row.messageSid(), attempts, defects,
                now.plus(delay), error));
        metrics.inbound("retried");
    }

    /** initial × 2^(attempt-1), at most max. */
    static Duration backoff(Duration initial, Duration max, int attempt) {
        long millis = initial.toMillis();
        for (int i = 1; i < attempt && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
