package ru.getmark.support.email.support;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import ru.getmark.support.infra.MailServer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What a customer's mail client and a person looking into the support mailbox do, against the real GreenMail: send raw
 * bytes over SMTP, read a mailbox over IMAP, look at and change the flags of the support mailbox's messages.
 */
public final class MailClient {

    public static final String SUPPORT = "help@getmark.ru";
    public static final String PROCESSED = "$GetMarkProcessed";

    private final MailServer server;

    public MailClient(MailServer server) {
        this.server = server;
    }

    /** Delivers the raw bytes unchanged (no Message-ID rewrite) to help@getmark.ru, envelope sender as given. */
    public void deliver(String envelopeFrom, byte[] raw) {
        Properties props = new Properties();
        props.put("mail.smtp.host", server.host());
        props.put("mail.smtp.port", Integer.toString(server.smtpPort()));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "5000");
        props.put("mail.smtp.from", envelopeFrom);
        Session session = Session.getInstance(props);
        try (Transport transport = session.getTransport("smtp")) {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
            transport.connect();
            transport.sendMessage(message, new Address[] {new InternetAddress(SUPPORT)});
        } catch (MessagingException e) {
            throw new IllegalStateException("SMTP did not take the test mail", e);
        }
    }

    /**
     * Puts raw bytes into help@getmark.ru's INBOX with IMAP APPEND, unflagged, exactly as given: how a delivery agent
     * stores a message (used for null-sender mail, which GreenMail's SMTP refuses, and to put back a mailbox's state).
     */
    public void append(byte[] raw) {
        withInbox(SUPPORT, true, inbox -> {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            inbox.appendMessages(new Message[] {message});
            return null;
        });
    }

    /** The raw bytes of the support mailbox's message with this Message-ID, as the server stores them. */
    public byte[] stored(String messageId) {
        return withInbox(SUPPORT, false, inbox -> {
            List<Message> found = withId(inbox, messageId);
            if (found.isEmpty()) {
                throw new IllegalStateException("no " + messageId + " in the support mailbox");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                found.get(0).writeTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        });
    }

    /** Raw bytes of every support mailbox message whose From is {@code from} and subject is {@code subject}. */
    public List<byte[]> storedFrom(String from, String subject) {
        return withInbox(SUPPORT, false, inbox -> {
            List<byte[]> found = new ArrayList<>();
            for (Message m : inbox.getMessages()) {
                Address[] senders = m.getFrom();
                boolean fromMatches = senders != null && Arrays.stream(senders).anyMatch(a ->
                        a instanceof InternetAddress ia && from.equalsIgnoreCase(ia.getAddress()));
                if (fromMatches && java.util.Objects.equals(subject, m.getSubject())) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try {
                        m.writeTo(out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    found.add(out.toByteArray());
                }
            }
            return found;
        });
    }

    /** A plain UTF-8 email with a fixed Message-ID, as a simple client writes it. */
    public static byte[] simple(String messageId, String from, String subject, String text) {
        try {
            MimeMessage message = message(messageId, from, subject);
            message.setText(text, StandardCharsets.UTF_8.name());
            return bytes(message);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A multipart/mixed email with one file. */
    public static byte[] withFile(String messageId, String from, String subject, String text, String fileName,
                                  String contentType, byte[] content) {
        try {
            MimeMessage message = message(messageId, from, subject);
            MimeBodyPart body = new MimeBodyPart();
            body.setText(text, StandardCharsets.UTF_8.name());
            MimeBodyPart file = new MimeBodyPart();
            file.setDataHandler(new jakarta.activation.DataHandler(
                    new jakarta.mail.util.ByteArrayDataSource(content, contentType)));
            file.setFileName(jakarta.mail.internet.MimeUtility.encodeText(fileName, "UTF-8", "B"));
            file.setDisposition(MimeBodyPart.ATTACHMENT);
            file.setHeader("Content-Transfer-Encoding", "base64");
            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(body);
            mixed.addBodyPart(file);
            message.setContent(mixed);
            return bytes(message);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MimeMessage message(String messageId, String from, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        try {
            message.setFrom(new InternetAddress(from, "ООО «Ромашка»", "UTF-8"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setSentDate(new java.util.Date());
        return message;
    }

    private static byte[] bytes(MimeMessage message) throws MessagingException {
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A message of the support mailbox as another IMAP client sees it. */
    public record Stored(String messageId, boolean processed, boolean seen) {
    }

    /** The support mailbox's messages with this Message-ID. */
    public List<Stored> support(String messageId) {
        return supportIndex().getOrDefault(messageId, List.of());
    }

    /** Every message of the support mailbox by Message-ID, read in one IMAP session. */
    public java.util.Map<String, List<Stored>> supportIndex() {
        return withInbox(SUPPORT, false, inbox -> {
            Message[] all = inbox.getMessages();
            jakarta.mail.FetchProfile profile = new jakarta.mail.FetchProfile();
            profile.add(jakarta.mail.FetchProfile.Item.FLAGS);
            profile.add("Message-ID");
            inbox.fetch(all, profile);
            java.util.Map<String, List<Stored>> index = new java.util.HashMap<>();
            for (Message m : all) {
                String id = messageIdOf(m);
                if (id != null) {
                    index.computeIfAbsent(id, k -> new ArrayList<>()).add(new Stored(id,
                            m.getFlags().contains(PROCESSED), m.isSet(Flags.Flag.SEEN)));
                }
            }
            return index;
        });
    }

    /** Whether the support mailbox holds this message, flagged processed. */
    public boolean processed(String messageId) {
        return allProcessed(List.of(messageId));
    }

    /** Whether the support mailbox holds every one of these messages, each flagged processed. */
    public boolean allProcessed(java.util.Collection<String> messageIds) {
        java.util.Map<String, List<Stored>> index = supportIndex();
        return messageIds.stream().allMatch(id -> {
            List<Stored> stored = index.get(id);
            return stored != null && !stored.isEmpty() && stored.stream().allMatch(Stored::processed);
        });
    }

    /** The Message-IDs of these that are not (yet) flagged processed. */
    public List<String> unprocessed(java.util.Collection<String> messageIds) {
        java.util.Map<String, List<Stored>> index = supportIndex();
        return messageIds.stream().filter(id -> {
            List<Stored> stored = index.get(id);
            return stored == null || stored.isEmpty() || !stored.stream().allMatch(Stored::processed);
        }).toList();
    }

    private static String messageIdOf(Message m) throws MessagingException {
        String[] ids = m.getHeader("Message-ID");
        return ids == null || ids.length == 0 ? null : ids[0].replaceAll("\\s+", "");
    }

    /** Removes the processed flag from the support mailbox's message(s) with this Message-ID: "read it again". */
    public void unflag(String messageId) {
        withInbox(SUPPORT, true, inbox -> {
            for (Message m : withId(inbox, messageId)) {
                m.setFlags(new Flags(PROCESSED), false);
            }
            return null;
        });
    }

    private static List<Message> withId(Folder inbox, String messageId) throws MessagingException {
        List<Message> found = new ArrayList<>();
        for (Message m : inbox.getMessages()) {
            if (messageId.equals(messageIdOf(m))) {
                found.add(m);
            }
        }
        return found;
    }

    /** An email in someone's mailbox. */
    public record Received(String messageId, String subject, String from, String to, String text,
                           String autoSubmitted, String inReplyTo, String references) {
    }

    /** Logs in to a mailbox over IMAP (the address as user name) and reads its INBOX. */
    public List<Received> mailbox(String address) {
        return withInbox(address, false, inbox -> {
            List<Received> mails = new ArrayList<>();
            for (Message m : inbox.getMessages()) {
                MimeMessage message = (MimeMessage) m;
                mails.add(new Received(message.getMessageID(), message.getSubject(),
                        ((InternetAddress) message.getFrom()[0]).getAddress(),
                        ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress(),
                        text(message), message.getHeader("Auto-Submitted", null),
                        message.getHeader("In-Reply-To", null), message.getHeader("References", null)));
            }
            return mails;
        });
    }

    private interface InboxWork<T> {
        T run(Folder inbox) throws MessagingException;
    }

    private <T> T withInbox(String user, boolean write, InboxWork<T> work) {
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "5000");
        props.put("mail.imap.timeout", "5000");
        props.put("mail.imap.peek", "true");
        try (Store store = Session.getInstance(props).getStore("imap")) {
            store.connect(server.host(), server.imapPort(), user, user);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(write ? Folder.READ_WRITE : Folder.READ_ONLY);
            try {
                return work.run(inbox);
            } finally {
                inbox.close(false);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("IMAP " + user + " failed", e);
        }
    }

    private static String text(MimeMessage message) {
        try {
            Object content = message.getContent();
            if (content instanceof String s) {
                return s.replace("\r\n", "\n");
            }
            if (content instanceof Multipart parts) {
                for (int i = 0; i < parts.getCount(); i++) {
                    BodyPart part = parts.getBodyPart(i);
                    if (part.isMimeType("text/plain")) {
                        return ((String) part.getContent()).replace("\r\n", "\n");
                    }
                }
            }
            return null;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
