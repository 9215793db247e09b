package ru.getmark.support.whatsapp.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import ru.getmark.support.whatsapp.config.WhatsAppConfig;
import ru.getmark.support.whatsapp.domain.DeliveryStatus;
import ru.getmark.support.whatsapp.domain.Masking;
import ru.getmark.support.whatsapp.repository.OutboxRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Twilio's delivery status callbacks: each is recorded (history, and the message's latest status, which never goes
 * back). A message that failed or went undelivered is counted by error code and logged for ops; it is sent again when
 * the code says the failure is passing (rate limits, queue overflow, provider hiccups: Twilio's "may retry"), at most
 * {@code getmark.whatsapp.outbox.delivery-retries} times; never for 63016 (outside the 24-hour window: a notice then
 * goes as the approved template or is left to email) nor for a bad recipient. A chat notice that fails for good is
 * reported to ticket-service.
 */
@ApplicationScoped
public class DeliveryStatusService {

    private final OutboxRepository outbox;
    private final NoticeOutcomes notices;
    private final WhatsAppMetrics metrics;
    private final WhatsAppConfig config;
    private final Wakeups wakeups;
    private final Clock clock;

    DeliveryStatusService(OutboxRepository outbox, NoticeOutcomes notices, WhatsAppMetrics metrics,
                          WhatsAppConfig config, Wakeups wakeups, Clock clock) {
        this.outbox = outbox;
        this.notices = notices;
        this.metrics = metrics;
        this.config = config;
        this.wakeups = wakeups;
        this.clock = clock;
    }

    /** One status callback (its form as Twilio posted it). */
    @Transactional
    public void record(Map<String, String> form) {
        String sid = first(form, "MessageSid", "SmsSid");
        String status = first(form, "MessageStatus", "SmsStatus");
        if (sid == null || status == null) {
            Log.warnf("Status callback without MessageSid or MessageStatus: ignored");
            return;
        }
        Integer code = code(form.get("ErrorCode"));
        String errorMessage = first(form, "ErrorMessage");
        Instant now = clock.instant();
        outbox.logStatus(sid, status, code, now);
        Optional<OutboxRepository.Row> found = outbox.lockBySid(sid);
        if (found.isEmpty()) {
            Log.debugf("Status %s of %s: not a message of this service", status, sid);
            return;
        }
        OutboxRepository.Row row = found.get();
        boolean failedNow = DeliveryStatus.isFailure(status) && !DeliveryStatus.isFailure(row.twilioStatus());
        if (DeliveryStatus.advances(row.twilioStatus(), status)) {
            outbox.recordStatus(row.id(), status, code, errorMessage, now);
        }
        if (!failedNow) {
            return;
        }
        metrics.deliveryFailed(code);
        Log.warnf("WhatsApp %s %s (%s %d to %s): error %s%s", sid, status, row.purpose(), row.id(),
                Masking.waId(row.waId()), code, errorMessage == null ? "" : " " + errorMessage);
        boolean notice = OutboxRepository.NOTICE.equals(row.purpose());
        if (code != null && code == DeliveryStatus.WINDOW_CLOSED) {
            if (notice && !row.part().isTemplate()) {
                notices.windowClosed(row.source(), now);
            } else if (notice) {
                notices.failed(row.source(), "Twilio " + code + ": " + errorMessage, now);
            }
            return;
        }
        if (code != null && config.outbox().transientErrorCodes().contains(code)
                && row.deliveryRetries() < config.outbox().deliveryRetries()) {
            Duration delay = config.outbox().deliveryRetryDelay()
                    .multipliedBy(1L << Math.min(row.deliveryRetries(), 10));
            long id = outbox.enqueue(row.waId(), row.purpose(), row.source(), row.ticketNumber(), row.part(), row.id(),
                    row.deliveryRetries() + 1, now, now.plus(delay));
            metrics.deliveryRetried(code);
            wakeups.outboxAfterCommit();
            Log.infof("WhatsApp %s: error %d is transient, sending it again in %d ms as outbound %d (retry %d of %d)",
                    sid, code, delay.toMillis(), id, row.deliveryRetries() + 1, config.outbox().deliveryRetries());
            return;
        }
        if (notice) {
            notices.failed(row.source(), "Twilio " + (code == null ? status : code + "")
                    + (errorMessage == null ? "" : ": " + errorMessage), now);
        }
    }

    private static String first(Map<String, String> form, String... names) {
        for (String name : names) {
            String v = form.get(name);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    static Integer code(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
