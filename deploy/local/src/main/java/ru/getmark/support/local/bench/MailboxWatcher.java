package ru.getmark.support.local.bench;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import org.eclipse.angus.mail.imap.IMAPFolder;

import java.io.IOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One customer mailbox read over IMAP IDLE, as a customer's mail client would: a new message is announced by the
 * server ({@code * n EXISTS}) while the connection idles, and the moment Jakarta Mail reports it (its
 * {@code MessageCountListener}, fired as the announcement is read) is the message's arrival. The message is then
 * fetched and handed to the {@link Sink} with that arrival time.
 * <p>
 * The IDLE is ended and renewed every {@value #RENEW_MS} ms (a few bytes), so that an announcement that came in
 * between two IDLEs is never left unread; this delays only the fetch, not the arrival time, which is taken when the
 * announcement was read.
 */
final class MailboxWatcher implements AutoCloseable {

    static final long RENEW_MS = 2_000;

    /** Receives every message of the mailbox once. */
    interface Sink {
        /**
         * @param mailbox       the watched address
         * @param arrivalMillis epoch millis when the server's announcement was read
         * @param subject       the subject
         * @param text          the text/plain part (or the text/html one, or "")
         */
        void arrived(String mailbox, long arrivalMillis, String subject, String text);
    }

    private final String address;
    private final Sink sink;
    private final Store store;
    private final IMAPFolder folder;
    private final Map<Integer, Long> announced = new ConcurrentHashMap<>();
    private final Thread thread;
    private final CountDownLatch idling = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Exception failure;
    private int processed;

    MailboxWatcher(String host, int port, String address, Sink sink) throws MessagingException {
        this.address = address;
        this.sink = sink;
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "10000");
        props.put("mail.imap.timeout", "30000");
        Session session = Session.getInstance(props);
        this.store = session.getStore("imap");
        store.connect(host, port, address, address);
        this.folder = (IMAPFolder) store.getFolder("INBOX");
        folder.open(Folder.READ_ONLY);
        this.processed = folder.getMessageCount();
        folder.addMessageCountListener(new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent event) {
                long now = System.currentTimeMillis();
                for (Message message : event.getMessages()) {
                    announced.putIfAbsent(message.getMessageNumber(), now);
                }
            }
        });
        this.thread = new Thread(this::run, "bench-imap-" + address);
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until the first IDLE is under way. */
    boolean awaitIdling(long millis) throws InterruptedException {
        return idling.await(millis, TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            while (running) {
                fetchNew();
                idling.countDown();
                folder.idle(true);
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            if (running) {
                failure = e;
            }
        }
    }

    private void fetchNew() throws MessagingException, IOException {
        int count;
        while ((count = folder.getMessageCount()) > processed) {
            for (int n = processed + 1; n <= count; n++) {
                long seen = System.currentTimeMillis();
                Message message = folder.getMessage(n);
                Long announcedAt = announced.remove(n);
                long arrival = announcedAt == null ? seen : Math.min(announcedAt, seen);
                String subject = message.getSubject();
                sink.arrived(address, arrival, subject == null ? "" : subject, text(message));
                processed = n;
            }
        }
    }

    /** Ends the current IDLE (any command does: Jakarta Mail sends DONE first), so that the loop looks again. */
    void renew() {
        try {
            folder.doCommand(protocol -> null);
        } catch (MessagingException | RuntimeException e) {
            // the loop reports a broken connection itself
        }
    }

    /** A failure of the connection, if any. */
    Exception failure() {
        return failure;
    }

    String address() {
        return address;
    }

    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            String html = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                Part child = multipart.getBodyPart(i);
                if (child.isMimeType("text/plain") || child.isMimeType("multipart/*")) {
                    String text = text(child);
                    if (!text.isEmpty()) {
                        return text;
                    }
                } else if (child.isMimeType("text/html") && html == null) {
                    html = String.valueOf(child.getContent());
                }
            }
            return html == null ? "" : html;
        }
        if (part.isMimeType("text/html")) {
            return String.valueOf(part.getContent());
        }
        return "";
    }

    @Override
    public void close() {
        running = false;
        renew();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            folder.close(false);
        } catch (MessagingException | RuntimeException e) {
            // closing anyway
        }
        try {
            store.close();
        } catch (MessagingException e) {
            // closing anyway
        }
    }
}
