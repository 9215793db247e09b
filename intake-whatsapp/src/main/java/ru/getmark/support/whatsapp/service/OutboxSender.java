package ru.getmark.support.whatsapp.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.whatsapp.config.WhatsAppConfig;
import ru.getmark.support.whatsapp.domain.Masking;
import ru.getmark.support.whatsapp.repository.OutboxRepository;
import ru.getmark.support.whatsapp.twilio.SendResult;
import ru.getmark.support.whatsapp.twilio.TwilioMessages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends the outbox through the Twilio REST API, one message per transaction: the oldest due message of a number whose
 * earlier messages are all out, locked while Twilio is called, so one customer's messages keep their order on every
 * replica. Twilio's "may retry" answers (429, 5xx, network errors) reschedule the message with backoff, and it stays
 * the head of that customer's queue; a refusal fails it at once. A chat notice that fails for good goes to
 * {@link NoticeOutcomes} (reported to ticket-service). Twilio gives no idempotency for message creation: a crash
 * between its 201 and our commit sends that one message twice, the only duplicate this design allows.
 */
@ApplicationScoped
public class OutboxSender {

    private static final int TRANSACTION_TIMEOUT_SECONDS = 120;

    private final OutboxRepository outbox;
    private final TwilioMessages twilio;
    private final NoticeOutcomes notices;
    private final WhatsAppMetrics metrics;
    private final WhatsAppConfig config;
    private final Clock clock;

    OutboxSender(OutboxRepository outbox, TwilioMessages twilio, NoticeOutcomes notices, WhatsAppMetrics metrics,
                 WhatsAppConfig config, Clock clock) {
        this.outbox = outbox;
        this.twilio = twilio;
        this.notices = notices;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /** Sends one due message; @return false when there was none. */
    public boolean runOnce() {
        return QuarkusTransaction.requiringNew().timeout(TRANSACTION_TIMEOUT_SECONDS).call(() -> {
            Optional<OutboxRepository.Row> next = outbox.lockNextDue(clock.instant());
            if (next.isEmpty()) {
                return false;
            }
            send(next.get());
            return true;
        });
    }

    private void send(OutboxRepository.Row row) {
        SendResult result = twilio.send(row.waId(), row.part());
        Instant now = clock.instant();
        int attempts = row.attempts() + 1;
        if (result instanceof SendResult.Accepted accepted) {
            outbox.markSent(row.id(), accepted.sid(), accepted.status(), now);
            metrics.outbound("accepted");
            Log.debugf("Outbound %d to %s accepted by Twilio as %s", row.id(), Masking.waId(row.waId()),
                    accepted.sid());
        } else if (result instanceof SendResult.RetryLater retry) {
            if (attempts >= config.outbox().maxAttempts()) {
                outbox.markFailed(row.id(), attempts, retry.code(), retry.message(), now);
                metrics.outbound("failed");
                Log.errorf("Outbound %d (%s) to %s given up after %d attempts: HTTP %s, Twilio %s: %s", row.id(),
                        row.purpose(), Masking.waId(row.waId()), attempts, retry.httpStatus(), retry.code(),
                        retry.message());
                failedForGood(row, retry.code(), retry.message(), now);
                return;
            }
            Duration delay = InboxProcessor.backoff(config.outbox().initialBackoff(), config.outbox().maxBackoff(),
                    attempts);
            outbox.reschedule(row.id(), attempts, now.plus(delay), retry.code(), retry.message(), now);
            metrics.outbound("retried");
            if (retry.httpStatus() != null && (retry.httpStatus() == 401 || retry.httpStatus() == 403)) {
                Log.errorf("Twilio refuses the credentials (HTTP %d, code %s): check "
                                + "GETMARK_WHATSAPP_TWILIO_ACCOUNT_SID / _AUTH_TOKEN; outbound %d waits, next in %d ms",
                        retry.httpStatus(), retry.code(), row.id(), delay.toMillis());
            } else {
                Log.warnf("Outbound %d to %s: Twilio answered HTTP %s (code %s), retrying in %d ms (attempt %d)",
                        row.id(), Masking.waId(row.waId()), retry.httpStatus(), retry.code(), delay.toMillis(),
                        attempts);
            }
        } else if (result instanceof SendResult.Rejected rejected) {
            outbox.markFailed(row.id(), attempts, rejected.code(), rejected.message(), now);
            metrics.outbound("failed");
            Log.warnf("Outbound %d (%s) to %s refused by Twilio: HTTP %s, code %s: %s", row.id(), row.purpose(),
                    Masking.waId(row.waId()), rejected.httpStatus(), rejected.code(), rejected.message());
            failedForGood(row, rejected.code(), rejected.message(), now);
        }
    }

    private void failedForGood(OutboxRepository.Row row, Integer code, String message, Instant now) {
        if (OutboxRepository.NOTICE.equals(row.purpose())) {
            notices.failed(row.source(), "Twilio " + (code == null ? "" : code + ": ") + message, now);
        }
    }
}
