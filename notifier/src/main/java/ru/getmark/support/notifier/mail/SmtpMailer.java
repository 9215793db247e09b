package ru.getmark.support.notifier.mail;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import ru.getmark.support.notifier.config.MailConfig;
import ru.getmark.support.notifier.domain.EmailAddresses;
import ru.getmark.support.notifier.domain.EmailNotice;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * Sends notices over SMTP with Jakarta Mail (Angus). One {@link Session} (thread-safe, holds only configuration) for
 * the application; one {@link Transport} per send, opened and closed around it, so that concurrent sends never share
 * a connection and a broken connection never outlives the send that saw it. A notice is rare enough (one per ticket
 * event) that the extra TCP handshake does not matter.
 */
@ApplicationScoped
public class SmtpMailer {

    private final MailConfig config;
    private final Session session;
    private final InternetAddress from;

    public SmtpMailer(MailConfig config) {
        this.config = config;
        this.session = Session.getInstance(sessionProperties(config));
        try {
            this.from = new InternetAddress(config.from(), config.fromName(), StandardCharsets.UTF_8.name());
            this.from.validate();
        } catch (UnsupportedEncodingException | MessagingException e) {
            throw new IllegalStateException("getmark.mail.from is not a valid address", e);
        }
    }

    static Properties sessionProperties(MailConfig config) {
        MailConfig.Smtp smtp = config.smtp();
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", Integer.toString(smtp.port()));
        p.put("mail.smtp.connectiontimeout", Long.toString(smtp.connectTimeout().toMillis()));
        p.put("mail.smtp.timeout", Long.toString(smtp.readTimeout().toMillis()));
        p.put("mail.smtp.writetimeout", Long.toString(smtp.writeTimeout().toMillis()));
        p.put("mail.smtp.from", config.from());
        p.put("mail.smtp.auth", Boolean.toString(smtp.username().isPresent()));
        p.put("mail.smtp.starttls.enable", Boolean.toString(smtp.starttls()));
        p.put("mail.smtp.starttls.required", Boolean.toString(smtp.starttls()));
        p.put("mail.smtp.ssl.enable", Boolean.toString(smtp.ssl()));
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        smtp.localHost().ifPresent(h -> p.put("mail.smtp.localhost", h));
        p.put("mail.mime.charset", StandardCharsets.UTF_8.name());
        return p;
    }

    /** The address notices come from. */
    public InternetAddress from() {
        return from;
    }

    /**
     * Builds the notice's MIME message: multipart/alternative with the text part first and the HTML part second (a
     * client shows the last one it understands), both UTF-8.
     */
    public MimeMessage toMimeMessage(EmailNotice notice) {
        try {
            MimeMessage message = new StableIdMimeMessage(session, notice.messageId());
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, recipient(notice));
            message.setSubject(notice.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            // RFC 3834: an automatic message; well-behaved auto-responders (and our own intake-email) do not answer.
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("X-Auto-Response-Suppress", "All");
            message.setHeader("X-GetMark-Ticket", notice.ticketNumber());
            message.setHeader("X-GetMark-Notice", notice.kind().code());
            // Every notice of a ticket answers the ticket's thread root: mail clients group them, and a customer's
            // reply keeps the root in its References, which is how intake-email finds the ticket (TicketThread).
            message.setHeader("In-Reply-To", notice.threadRoot());
            message.setHeader("References", notice.threadRoot());

            MimeBodyPart text = new MimeBodyPart();
            text.setText(notice.text(), StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(notice.html(), StandardCharsets.UTF_8.name(), "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            message.setContent(alternative);
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw new MailDeliveryException("cannot build the " + notice.kind().code() + " notice", e);
        }
    }

    /**
     * Sends the notice and returns once the SMTP server accepted it.
     *
     * @throws MailDeliveryException when the server cannot be reached, refuses or times out ({@code permanent()}
     *                               says whether a retry can help)
     */
    public void send(EmailNotice notice) {
        MimeMessage message = toMimeMessage(notice);
        MailConfig.Smtp smtp = config.smtp();
        try (Transport transport = session.getTransport()) {
            if (smtp.username().isPresent()) {
                transport.connect(smtp.username().get(), smtp.password().orElse(null));
            } else {
                transport.connect();
            }
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw new MailDeliveryException("SMTP " + smtp.host() + ":" + smtp.port() + " did not take the "
                    + notice.kind().code() + " notice " + notice.messageId(), e);
        }
        Log.debugf("SMTP accepted %s for %s", notice.messageId(), EmailAddresses.mask(notice.recipient()));
    }

    private static InternetAddress recipient(EmailNotice notice) throws MessagingException {
        try {
            InternetAddress to = notice.recipientName() == null || notice.recipientName().isBlank()
                    ? new InternetAddress(notice.recipient())
                    : new InternetAddress(notice.recipient(), notice.recipientName(), StandardCharsets.UTF_8.name());
            to.validate();
            return to;
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 is always supported", e);
        }
    }
}
