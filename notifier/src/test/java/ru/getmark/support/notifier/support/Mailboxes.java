package ru.getmark.support.notifier.support;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/** Reads mail back the way a customer would (IMAP), or straight from GreenMail where IMAP is not the point. */
public final class Mailboxes {

    private Mailboxes() {
    }

    /** A received email, fully read while the folder was open. Line ends are normalised to {@code \n}. */
    public record ReceivedMail(String messageId, String subject, InternetAddress from, String to, String contentType,
                               String textContentType, String text, String htmlContentType, String html,
                               String autoSubmitted, String inReplyTo, String references) {
    }

    /** Logs in to the customer's mailbox over IMAP (address as user name and password) and reads the INBOX. */
    public static List<ReceivedMail> readOverImap(int imapPort, String address) {
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "5000");
        Session session = Session.getInstance(props);
        try (Store store = session.getStore("imap")) {
            store.connect("localhost", imapPort, address, address);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<ReceivedMail> mails = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    mails.add(read((MimeMessage) message));
                }
                return mails;
            } finally {
                inbox.close(false);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("IMAP read failed", e);
        }
    }

    /** How many received messages were addressed to {@code address}. */
    public static long countTo(GreenMail greenMail, String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> addressedTo(m, address)).count();
    }

    /** The Message-IDs of everything received, in order of arrival. */
    public static List<String> messageIds(GreenMail greenMail) {
        return Arrays.stream(greenMail.getReceivedMessages()).map(Mailboxes::messageId).toList();
    }

    /** How many received messages carry this Message-ID. */
    public static long countWithMessageId(GreenMail greenMail, String messageId) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> messageId.equals(messageId(m))).count();
    }

    public static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            return to != null && Arrays.stream(to)
                    .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ReceivedMail read(MimeMessage message) throws MessagingException {
        try {
            String textType = null;
            String text = null;
            String htmlType = null;
            String html = null;
            if (message.getContent() instanceof Multipart parts) {
                for (int i = 0; i < parts.getCount(); i++) {
                    BodyPart part = parts.getBodyPart(i);
                    if (part.isMimeType("text/plain")) {
                        textType = part.getContentType();
                        text = normalise((String) part.getContent());
                    } else if (part.isMimeType("text/html")) {
                        htmlType = part.getContentType();
                        html = normalise((String) part.getContent());
                    }
                }
            }
            return new ReceivedMail(message.getMessageID(), message.getSubject(),
                    (InternetAddress) message.getFrom()[0],
                    ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress(),
                    message.getContentType(), textType, text, htmlType, html,
                    message.getHeader("Auto-Submitted", null), message.getHeader("In-Reply-To", null),
                    message.getHeader("References", null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String normalise(String body) {
        return body.replace("\r\n", "\n");
    }
}
