package ru.getmark.support.email.smtp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import ru.getmark.support.email.config.MailConfig;
import ru.getmark.support.email.repository.AutoReply;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * Sends auto-replies over SMTP with Jakarta Mail: one {@link Session} for the application, one {@link Transport} per
 * send, so that a broken connection never outlives the send that saw it. Every reply says it is automatic
 * ({@code Auto-Submitted: auto-replied}, RFC 3834) and answers the customer's message ({@code In-Reply-To},
 * {@code References}), with a stable Message-ID of its own.
 */
@ApplicationScoped
public class AutoReplyMailer {

    private final MailConfig config;
    private final Session session;
    private final InternetAddress from;

    public AutoReplyMailer(MailConfig config) {
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
        // The envelope sender is our address: a bounce of a reply comes back to the mailbox, where triage ignores it.
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

    /** The MIME message of a reply (public for tests). */
    public MimeMessage toMimeMessage(AutoReply reply) throws MessagingException {
        MimeMessage message = new StableIdMimeMessage(session, reply.replyMessageId);
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(reply.recipient, true));
        message.setSubject(reply.subject, StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        message.setHeader("Auto-Submitted", "auto-replied");
        message.setHeader("X-Auto-Response-Suppress", "All");
        message.setHeader("X-GetMark-Auto-Reply", reply.kind.name().toLowerCase(java.util.Locale.ROOT));
        if (reply.inReplyTo != null && !reply.inReplyTo.isBlank()) {
            message.setHeader("In-Reply-To", reply.inReplyTo);
        }
        if (reply.references != null && !reply.references.isBlank()) {
            message.setHeader("References", reply.references);
        }
        message.setText(reply.body, StandardCharsets.UTF_8.name(), "plain");
        message.saveChanges();
        return message;
    }

    /**
     * Sends a reply; returns once the SMTP server accepted it.
     *
     * @throws SendFailedException when the server refused the recipient (retrying will not help)
     * @throws MessagingException  when the server could not be reached or failed (a retry may help)
     */
    public void send(AutoReply reply) throws MessagingException {
        MimeMessage message = toMimeMessage(reply);
        MailConfig.Smtp smtp = config.smtp();
        try (Transport transport = session.getTransport()) {
            if (smtp.username().isPresent()) {
                transport.connect(smtp.username().get(), smtp.password().orElse(null));
            } else {
                transport.connect();
            }
            transport.sendMessage(message, message.getAllRecipients());
        }
    }
}
