package ru.getmark.support.email.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.transaction.Transactional;
import ru.getmark.support.email.config.EmailIntakeConfig;
import ru.getmark.support.email.config.MailConfig;
import ru.getmark.support.email.domain.EmailTriage;
import ru.getmark.support.email.domain.ParsedEmail;
import ru.getmark.support.email.repository.AutoReply;
import ru.getmark.support.email.repository.AutoReplyRepository;
import ru.getmark.support.email.smtp.AutoReplyMailer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Auto-replies to refused messages and flood notices: queued in the auto_reply table while the message is handled
 * (before its IMAP flag), sent by {@link AutoReplyWorker} with retries. The table's unique key is the once-only rule:
 * one reply per message however often it is read (crash, re-read, another replica), one flood notice per sender and
 * window.
 */
@ApplicationScoped
public class AutoReplies {

    /** Replies sent per sweep; the sweep runs in one transaction holding their row locks. */
    static final int BATCH = 5;

    private final AutoReplyRepository replies;
    private final AutoReplyMailer mailer;
    private final EmailIntakeConfig.AutoReply config;
    private final IntakeMetrics metrics;
    private final Clock clock;
    private final String ownDomain;
    private final Backoff backoff;

    AutoReplies(AutoReplyRepository replies, AutoReplyMailer mailer, EmailIntakeConfig config, MailConfig mail,
                IntakeMetrics metrics, Clock clock) {
        this.replies = replies;
        this.mailer = mailer;
        this.config = config.autoReply();
        this.metrics = metrics;
        this.clock = clock;
        this.ownDomain = Addresses.domain(mail.from());
        this.backoff = new Backoff(this.config.initialBackoff(), this.config.maxBackoff());
    }

    /**
     * Queues the Russian auto-reply to a refused message (once per message).
     *
     * @return whether it was queued now (false: it was queued on an earlier read)
     */
    @Transactional
    public boolean queueRejection(String messageId, ParsedEmail email, String recipient, String text) {
        AutoReply reply = reply("message:" + messageId, AutoReply.Kind.REJECTION, messageId, email, recipient);
        reply.subject = cut(EmailTriage.autoReplySubject(email), 1000);
        reply.body = text;
        return queue(reply);
    }

    /**
     * Queues the notice that a sender's messages are held back, unless one went to them within the window.
     *
     * @return whether it was queued now
     */
    @Transactional
    public boolean queueFloodNotice(String messageId, ParsedEmail email, String recipient, int maxMessages,
                                    Duration window, Instant receivedAt) {
        String hash = Addresses.hash(recipient);
        if (replies.floodNoticeSince(hash, clock.instant().minus(window))) {
            return false;
        }
        long bucket = receivedAt.toEpochMilli() / Math.max(1, window.toMillis());
        AutoReply reply = reply("flood:" + hash + ":" + bucket, AutoReply.Kind.FLOOD, messageId, email, recipient);
        reply.subject = "Ваши письма временно не регистрируются";
        reply.body = floodText(maxMessages, window);
        return queue(reply);
    }

    static String floodText(int maxMessages, Duration window) {
        long minutes = Math.max(1, window.toMinutes());
        return """
                Здравствуйте!

                С вашего адреса за последние %d мин. пришло больше %d писем, поэтому следующие письма временно не \
                регистрируются как обращения — так мы не создаём множество одинаковых обращений. Эти письма \
                сохранены, служба технической поддержки их видит.

                Пожалуйста, опишите проблему в одном письме и укажите ИНН организации. Если вопрос срочный, позвоните \
                нам: 8 800 550-22-79, доб. 2.

                Это письмо отправлено автоматически, отвечать на него не нужно.

                С уважением,
                Служба технической поддержки GetMark
                """.formatted(minutes, maxMessages);
    }

    /**
     * Sends the due replies (a few per call), each once: SMTP accepted → SENT; a refused recipient → FAILED at once;
     * any other failure → retried with backoff, FAILED after {@code max-attempts}.
     *
     * @return how many were handled
     */
    @Transactional
    @TransactionConfiguration(timeout = 300)
    public int sendDue() {
        Instant now = clock.instant();
        List<AutoReply> due = replies.lockDue(now, BATCH);
        for (AutoReply reply : due) {
            reply.attempts++;
            try {
                mailer.send(reply);
                reply.status = AutoReply.Status.SENT;
                reply.sentAt = clock.instant();
                reply.lastError = null;
                metrics.autoReply("sent");
                Log.infof("Auto-reply %s (%s) for message %s sent to %s", reply.id, reply.kind, reply.messageId,
                        Addresses.mask(reply.recipient));
            } catch (MessagingException | RuntimeException e) {
                reply.lastError = error(e);
                if (isRecipientRefused(e)) {
                    reply.status = AutoReply.Status.FAILED;
                    metrics.autoReply("failed");
                    Log.warnf("Auto-reply %s for message %s refused by the SMTP server (%s): given up", reply.id,
                            reply.messageId, reply.lastError);
                } else if (reply.attempts >= config.maxAttempts()) {
                    reply.status = AutoReply.Status.FAILED;
                    metrics.autoReply("failed");
                    Log.errorf("Auto-reply %s for message %s failed %d times (%s): given up", reply.id,
                            reply.messageId, reply.attempts, reply.lastError);
                } else {
                    reply.nextAttemptAt = clock.instant().plus(backoff.delay(reply.attempts));
                    metrics.autoReply("retry");
                    Log.warnf("Auto-reply %s for message %s not sent (attempt %d: %s), retry at %s", reply.id,
                            reply.messageId, reply.attempts, reply.lastError, reply.nextAttemptAt);
                }
            }
        }
        return due.size();
    }

    /** The server refused the address for good (5xx on RCPT): retrying cannot help. */
    static boolean isRecipientRefused(Exception e) {
        return e instanceof SendFailedException sfe && sfe.getInvalidAddresses() != null
                && sfe.getInvalidAddresses().length > 0;
    }

    private AutoReply reply(String key, AutoReply.Kind kind, String messageId, ParsedEmail email, String recipient) {
        Instant now = clock.instant();
        AutoReply reply = new AutoReply();
        reply.replyKey = cut(key, 600);
        reply.kind = kind;
        reply.messageId = messageId;
        reply.recipient = recipient.strip();
        reply.recipientHash = Addresses.hash(recipient);
        reply.inReplyTo = email.messageId() == null ? null : cut(email.messageId().strip(), 1000);
        reply.references = references(email);
        reply.replyMessageId = "<auto-reply." + MessageIds.sha256(key).substring(0, 32) + "@" + ownDomain + ">";
        reply.status = AutoReply.Status.PENDING;
        reply.nextAttemptAt = now;
        reply.createdAt = now;
        return reply;
    }

    /** RFC 5322 §3.6.4: the parent's References (or In-Reply-To) followed by the parent's Message-ID. */
    static String references(ParsedEmail email) {
        String parent = email.references() != null && !email.references().isBlank() ? email.references()
                : email.inReplyTo();
        String own = email.messageId();
        String joined = ((parent == null ? "" : parent.strip()) + " " + (own == null ? "" : own.strip())).strip()
                .replaceAll("\\s+", " ");
        if (joined.isEmpty()) {
            return null;
        }
        // Keep the newest ids when the chain is very long.
        return joined.length() <= 2000 ? joined : joined.substring(joined.length() - 2000).replaceFirst("^\\S*\\s", "");
    }

    private boolean queue(AutoReply reply) {
        boolean queued = replies.queue(reply);
        if (!queued) {
            Log.debugf("Auto-reply %s already queued or sent: not again", reply.replyKey);
        }
        return queued;
    }

    private static String error(Exception e) {
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        // No address in what is kept: SMTP errors quote the recipient.
        text = text.replaceAll("[\\w.+-]+@[\\w.-]+", "<address>");
        return cut(text, 2000);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
