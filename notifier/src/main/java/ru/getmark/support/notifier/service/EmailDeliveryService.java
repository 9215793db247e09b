package ru.getmark.support.notifier.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import ru.getmark.support.notifier.domain.EmailAddresses;
import ru.getmark.support.notifier.domain.EmailNotice;
import ru.getmark.support.notifier.mail.MailDeliveryException;
import ru.getmark.support.notifier.mail.SmtpMailer;
import ru.getmark.support.notifier.repository.SentNoticeRepository;

import java.time.Clock;

/**
 * Sends each notice once (R5, R20), as far as a mail system allows.
 * <p>
 * In one database transaction: claim the notice's row in {@code sent_notice} ({@code INSERT ... ON CONFLICT DO
 * NOTHING} on {@code (event_id, notice)}), send it over SMTP, commit. A notice already claimed is not sent again,
 * whether the event was redelivered after a crash or a rebalance, replayed by a new consumer group, or is being
 * handled at this very moment by another replica (its insert waits for our commit and then finds the row). A failed
 * send throws, the transaction rolls back and the claim disappears, so the event is not acknowledged as done and the
 * notice can be sent when the event comes again.
 * <p>
 * The one window left: the SMTP server accepted the mail and then the commit failed (the database went away in
 * between). The row is gone, so a redelivery sends the notice a second time. SMTP has no two-phase commit, so this
 * cannot be closed, only narrowed and made recognisable: the commit is the only thing that happens after the send,
 * and the resend carries the same stable Message-ID ({@code <notice.<notice>.<eventId>@getmark.ru>}) as the first
 * copy, which mail clients and servers that de-duplicate by Message-ID drop.
 */
@ApplicationScoped
public class EmailDeliveryService {

    private final SentNoticeRepository sentNotices;
    private final SmtpMailer mailer;
    private final NoticeMetrics metrics;
    private final Clock clock;

    public EmailDeliveryService(SentNoticeRepository sentNotices, SmtpMailer mailer, NoticeMetrics metrics,
                                Clock clock) {
        this.sentNotices = sentNotices;
        this.mailer = mailer;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Sends the notice unless it was sent before.
     *
     * @return true when it was sent now, false when it had been sent before
     * @throws MailDeliveryException when the mail server did not take it (nothing is recorded)
     */
    @Transactional
    public boolean deliverOnce(EmailNotice notice) {
        if (!sentNotices.claim(notice, clock.instant())) {
            metrics.skipped(notice.kind(), "duplicate");
            Log.infof("Notice %s of event %s (ticket %s) was sent before; not sending it again",
                    notice.kind().code(), notice.eventId(), notice.ticketNumber());
            return false;
        }
        try {
            mailer.send(notice);
        } catch (MailDeliveryException e) {
            metrics.failed(notice.kind());
            throw e;
        }
        metrics.sent(notice.kind());
        Log.infof("Sent notice %s of ticket %s to %s (event %s, %s)", notice.kind().code(), notice.ticketNumber(),
                EmailAddresses.mask(notice.recipient()), notice.eventId(), notice.messageId());
        return true;
    }
}
