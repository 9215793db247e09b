package ru.getmark.support.notifier.mail;

import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends notices over SMTP with Jakarta Mail (Angus). One {@link Session} (thread-safe, holds only configuration) for
 * the application; one SMTP connection per sending thread, kept open while that thread has notices to send (a
 * delivery worker draining a backlog) and reused for up to {@code getmark.mail.smtp.messages-per-connection}
 * messages: the TCP handshake, the greeting, EHLO (and STARTTLS/login) and QUIT are paid once per connection instead
 * of once per notice, which was most of the time a notice took (issue 8). Threads never share a connection, and a
 * connection that saw a failure is closed at once, so it never outlives the send that saw it; the worker closes its
 * connection ({@link #closeConnection()}) whenever it runs out of due notices, so no connection sits idle long
 * enough for the server to drop it.
 */
@ApplicationScoped
public class SmtpMailer {

    private final MailConfig config;
    private final Session session;
    private final InternetAddress from;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

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
     * Sends the notice and returns once the SMTP server accepted it, over this thread's connection (opened now when
     * it has none).
     *
     * @throws MailDeliveryException when the server cannot be reached, refuses or times out ({@code permanent()}
     *                               says whether a retry can help); the connection is closed then
     */
    public void send(EmailNotice notice) {
        MimeMessage message = toMimeMessage(notice);
        MailConfig.Smtp smtp = config.smtp();
        Connection connection = connections.get();
        try {
            if (connection == null) {
                connection = new Connection(open());
                connections.set(connection);
                open.add(connection);
            }
            connection.transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            closeConnection();
            throw new MailDeliveryException("SMTP " + smtp.host() + ":" + smtp.port() + " did not take the "
                    + notice.kind().code() + " notice " + notice.messageId(), e);
        }
        if (++connection.sent >= Math.max(1, smtp.messagesPerConnection())) {
            closeConnection();
        }
        Log.debugf("SMTP accepted %s for %s", notice.messageId(), EmailAddresses.mask(notice.recipient()));
    }

    /** Closes this thread's SMTP connection, if it has one (QUIT; a failure to say goodbye is of no consequence). */
    public void closeConnection() {
        Connection connection = connections.get();
        if (connection != null) {
            connections.remove();
            open.remove(connection);
            connection.close();
        }
    }

    /** Connections of threads that did not close theirs (a worker stopped mid-send) go with the application. */
    @PreDestroy
    void closeAll() {
        for (Connection connection : open) {
            connection.close();
        }
        open.clear();
    }

    private Transport open() throws MessagingException {
        MailConfig.Smtp smtp = config.smtp();
        Transport transport = session.getTransport();
        if (smtp.username().isPresent()) {
            transport.connect(smtp.username().get(), smtp.password().orElse(null));
        } else {
            transport.connect();
        }
        return transport;
    }

    /** One thread's SMTP connection and how many messages it carried. */
    private static final class Connection {
        private final Transport transport;
        private int sent;

        private Connection(Transport transport) {
            this.transport = transport;
        }

        private void close() {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException e) {
                Log.debugf("Closing an SMTP connection: %s", e.toString());
            }
        }
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
