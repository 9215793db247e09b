package ru.getmark.support.notifier.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import ru.getmark.support.common.event.ChannelNotice;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.notifier.config.DeliveryConfig;
import ru.getmark.support.notifier.domain.Backoff;
import ru.getmark.support.notifier.domain.DeliveryFailure;
import ru.getmark.support.notifier.domain.DeliveryStatus;
import ru.getmark.support.notifier.domain.EmailNotice;
import ru.getmark.support.notifier.domain.NoticeDelivery;
import ru.getmark.support.notifier.domain.NoticeKind;
import ru.getmark.support.notifier.domain.Recipients;
import ru.getmark.support.notifier.mail.SmtpMailer;
import ru.getmark.support.notifier.messaging.ChannelOutboundPublisher;
import ru.getmark.support.notifier.messaging.DeadLetterPublisher;
import ru.getmark.support.notifier.repository.NoticeDeliveryRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Sends due deliveries, a few per transaction ({@code getmark.delivery.batch-size}, 10): lock them
 * ({@code FOR UPDATE SKIP LOCKED}, so replicas and worker threads never take the same row), hand each over (SMTP,
 * or Kafka for a chat notice), mark it SENT, commit once — one durable commit per few notices instead of one per
 * notice (issue 8).
 * <ul>
 *   <li>A failure counts the attempt and schedules the next one with exponential backoff
 *       ({@code getmark.delivery.*}); a permanent failure (the mail server refuses the address for good, or the
 *       address is invalid) or the last allowed attempt parks it: the event goes to
 *       {@code getmark.ticket-events.v1.dlq} with the notice, the masked error and the attempts in its headers, and
 *       the row becomes PARKED.</li>
 *   <li>Only the failing row waits: the rows of other tickets are due on their own, and the later rows of the same
 *       ticket and medium wait behind it (see {@link NoticeDeliveryRepository#lockDue}).</li>
 * </ul>
 * The one window left: the mail server accepted the email (or Kafka the chat notice), then the commit failed (the
 * database went away, the replica died). The row is still PENDING, so it is sent again — and so are the others
 * handed over in the same transaction (at most {@code batch-size}). SMTP has no two-phase
 * commit, so this cannot be closed, only narrowed and made recognisable: the commit is the only thing after the
 * hand-over, an email resent carries the same stable Message-ID (which mail clients and servers that de-duplicate
 * by Message-ID drop) and a chat notice the same noticeId (which the adapters deliver once).
 */
@ApplicationScoped
public class DeliveryService {

    private static final int MAX_ERROR_LENGTH = 2000;

    private final NoticeDeliveryRepository deliveries;
    private final SmtpMailer mailer;
    private final ChannelOutboundPublisher outbound;
    private final DeadLetterPublisher deadLetters;
    private final NoticeMetrics metrics;
    private final Backoff backoff;
    private final Clock clock;
    private final int batchSize;

    public DeliveryService(NoticeDeliveryRepository deliveries, SmtpMailer mailer, ChannelOutboundPublisher outbound,
                           DeadLetterPublisher deadLetters, NoticeMetrics metrics, DeliveryConfig config,
                           Clock clock) {
        this.deliveries = deliveries;
        this.mailer = mailer;
        this.outbound = outbound;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.backoff = new Backoff(config.initialBackoff(), config.backoffMultiplier(), config.maxBackoff(),
                config.maxAttempts());
        this.clock = clock;
        this.batchSize = Math.max(1, config.batchSize());
    }

    /**
     * Delivers the oldest due deliveries, at most {@code getmark.delivery.batch-size} of them, in one transaction:
     * each is handed over and marked on its own (a failure counts and schedules only its row), and one commit
     * records them all.
     *
     * @return how many were due (0: the caller may wait)
     */
    @Transactional
    public int deliverDue() {
        Instant now = clock.instant();
        List<NoticeDelivery> due = deliveries.lockDue(now, batchSize);
        for (NoticeDelivery delivery : due) {
            deliver(delivery, now);
        }
        return due.size();
    }

    private void deliver(NoticeDelivery delivery, Instant now) {
        NoticeKind kind = delivery.kind();
        if (backoff.exhausted(delivery.attempts)) {
            // Its last attempt failed but parking it did not go through then: park it now.
            park(delivery, kind, delivery.lastError, now);
            return;
        }
        delivery.attempts++;
        try {
            handOver(delivery);
        } catch (RuntimeException e) {
            failed(delivery, kind, e, now);
            return;
        }
        delivery.status = DeliveryStatus.SENT;
        delivery.sentAt = clock.instant();
        delivery.lastError = null;
        metrics.sent(kind, delivery.medium);
        Log.infof("Sent %s of ticket %s by %s to %s (event %s, %s, attempt %d)", kind.code(), delivery.ticketNumber,
                delivery.medium.label(), Recipients.mask(delivery.medium, delivery.recipient), delivery.eventId,
                delivery.noticeId, delivery.attempts);
    }

    /** Closes this thread's SMTP connection, kept open while it had notices to send. */
    public void closeConnections() {
        mailer.closeConnection();
    }

    /** How many deliveries are waiting. */
    @Transactional
    public long countPending() {
        return deliveries.countPending();
    }

    private void handOver(NoticeDelivery delivery) {
        switch (delivery.medium) {
            case EMAIL -> mailer.send(read(delivery, EmailNotice.class));
            case TELEGRAM, WHATSAPP, DUTY_CHAT -> outbound.publish(read(delivery, ChannelNotice.class));
        }
    }

    private static <T> T read(NoticeDelivery delivery, Class<T> type) {
        try {
            return Json.fromJson(delivery.payload, type);
        } catch (RuntimeException e) {
            throw new DeliveryFailure("the stored " + type.getSimpleName() + " of delivery " + delivery.id
                    + " is unreadable", e, true);
        }
    }

    private void failed(NoticeDelivery delivery, NoticeKind kind, RuntimeException e, Instant now) {
        boolean permanent = e instanceof DeliveryFailure failure && failure.permanent();
        String reason = truncate(e instanceof DeliveryFailure ? e.getMessage()
                : new DeliveryFailure("unexpected failure", e, false).getMessage());
        delivery.lastError = reason;
        metrics.failed(kind, delivery.medium);
        if (permanent || backoff.exhausted(delivery.attempts)) {
            park(delivery, kind, reason, now);
            return;
        }
        delivery.nextAttemptAt = now.plus(backoff.delayAfter(delivery.attempts));
        metrics.retried(kind, delivery.medium);
        Log.warnf("Could not deliver %s of ticket %s by %s (event %s, attempt %d of %d); next attempt at %s: %s",
                kind.code(), delivery.ticketNumber, delivery.medium.label(), delivery.eventId, delivery.attempts,
                backoff.maxAttempts(), delivery.nextAttemptAt, reason);
    }

    private void park(NoticeDelivery delivery, NoticeKind kind, String reason, Instant now) {
        try {
            deadLetters.park(delivery, reason);
        } catch (DeliveryFailure e) {
            // Stays PENDING: the next time it is due, parking is tried again (it is not sent again).
            delivery.nextAttemptAt = now.plus(backoff.max());
            delivery.lastError = truncate(reason + "; parking on the DLQ failed: " + e.getMessage());
            Log.errorf("Gave up %s of ticket %s by %s (event %s) but could not park it, trying again at %s: %s",
                    kind.code(), delivery.ticketNumber, delivery.medium.label(), delivery.eventId,
                    delivery.nextAttemptAt, delivery.lastError);
            return;
        }
        delivery.status = DeliveryStatus.PARKED;
        metrics.parked(kind, delivery.medium);
        Log.errorf("Parked %s of ticket %s by %s (event %s) on %s after %d attempt(s): %s", kind.code(),
                delivery.ticketNumber, delivery.medium.label(), delivery.eventId, DeadLetterPublisher.TOPIC,
                delivery.attempts, reason);
    }

    private static String truncate(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
}
