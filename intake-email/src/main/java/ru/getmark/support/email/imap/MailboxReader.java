package ru.getmark.support.email.imap;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import ru.getmark.support.email.config.EmailIntakeConfig;
import ru.getmark.support.email.config.MailConfig;
import ru.getmark.support.email.service.Backoff;
import ru.getmark.support.email.service.EmailIntakeService;
import ru.getmark.support.email.service.InboundMail;
import ru.getmark.support.email.service.IntakeMetrics;
import ru.getmark.support.email.service.RetryLaterException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads the support mailbox, on a thread of its own, for as long as the service runs.
 * <ul>
 *   <li>Every pass reads the messages without the processed flag (oldest first), hands each to
 *       {@link EmailIntakeService} and flags it only when that says Kafka has what became of it. A message that could
 *       not be handled (Kafka or the database away) stays unflagged and is read again on a later pass.</li>
 *   <li>Between passes it waits in IMAP IDLE when the server offers it (new mail wakes it at once), renewed every
 *       {@code getmark.email.poll-interval} with a fresh pass; without IDLE it polls at that interval.</li>
 *   <li>When the server or the network drops, it reconnects by itself with exponential backoff
 *       ({@code getmark.email.reconnect-*}); the readiness check says DOWN meanwhile.</li>
 * </ul>
 * Connected means: logged in, the folder open read-write. A dead connection is noticed at the latest one poll
 * interval plus one read timeout later (ending IDLE needs the server's answer).
 */
@ApplicationScoped
public class MailboxReader {

    private final MailConfig.Imap imap;
    private final EmailIntakeConfig config;
    private final EmailIntakeService intake;
    private final ProcessedMarker marker;
    private final IntakeMetrics metrics;
    private final Backoff backoff;
    private final Object wake = new Object();

    private volatile boolean running;
    private volatile ImapState state = ImapState.notConnected("not started", null);
    private volatile IMAPFolder idling;
    /**
     * Connection failures in a row; reset only after a whole pass succeeded, so that a connection that breaks again
     * at once (a message whose flag the server refuses) is retried with growing delays, not hammered.
     */
    private int failures;
    private Thread thread;
    private ScheduledExecutorService watchdog;

    MailboxReader(MailConfig mail, EmailIntakeConfig config, EmailIntakeService intake, ProcessedMarker marker,
                  IntakeMetrics metrics) {
        this.imap = mail.imap();
        this.config = config;
        this.intake = intake;
        this.marker = marker;
        this.metrics = metrics;
        this.backoff = new Backoff(config.reconnectInitialDelay(), config.reconnectMaxDelay());
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "imap-idle-watchdog");
            t.setDaemon(true);
            return t;
        });
        thread = new Thread(this::run, "imap-reader");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        synchronized (wake) {
            wake.notifyAll();
        }
        IMAPFolder folder = idling;
        if (folder != null) {
            endIdle(folder);
        }
        if (thread != null) {
            try {
                thread.join(Math.max(5_000, imap.readTimeout().toMillis() + 1_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                Log.warn("The IMAP reader did not stop in time; interrupting it");
                thread.interrupt();
            }
        }
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
    }

    /** Where the reader stands, for the readiness check. */
    public ImapState state() {
        return state;
    }

    private void run() {
        boolean everConnected = false;
        while (running) {
            IMAPStore store = null;
            try {
                store = connect();
                IMAPFolder folder = open(store);
                boolean idle = imap.idle() && store.hasCapability("IDLE");
                if (everConnected) {
                    metrics.reconnected();
                }
                if (failures > 0 || everConnected) {
                    Log.infof("IMAP %s:%d connected again (%d failure(s) in a row)", imap.host(), imap.port(),
                            failures);
                } else {
                    Log.infof("Reading %s on %s:%d (%s%s)", imap.folder(), imap.host(), imap.port(),
                            idle ? "IMAP IDLE" : "polling every " + config.pollInterval(),
                            imap.ssl() ? ", TLS" : imap.starttls() ? ", STARTTLS" : "");
                }
                everConnected = true;
                state = ImapState.connected(idle, Instant.now());
                serve(folder, idle);
            } catch (MessagingException | RuntimeException e) {
                if (!running) {
                    break;
                }
                failures++;
                Duration delay = backoff.delay(failures);
                state = ImapState.notConnected(describe(e), Instant.now());
                Log.warnf("IMAP %s:%d: %s; reconnecting in %s (attempt %d)", imap.host(), imap.port(), describe(e),
                        delay, failures);
                pause(delay);
            } finally {
                close(store);
            }
        }
        state = ImapState.notConnected("stopped", Instant.now());
        Log.info("IMAP reader stopped");
    }

    /** Passes and waits on one connection, until it breaks or the service stops. */
    private void serve(IMAPFolder folder, boolean idle) throws MessagingException {
        int retries = 0;
        while (running) {
            int done = pass(folder);
            if (done < 0) {
                retries++;
                Duration delay = backoff.delay(retries);
                Log.warnf("Unfinished messages are read again in %s", delay);
                pause(delay);
                continue;
            }
            retries = 0;
            failures = 0;
            if (done > 0 || !running) {
                // Mail that came during the pass announced itself then, not to the IDLE that follows: look again.
                continue;
            }
            if (idle) {
                idleOnce(folder);
            } else {
                pause(config.pollInterval());
            }
        }
    }

    /**
     * Handles every unprocessed message of the folder, oldest first.
     *
     * @return how many messages were marked processed, or -1 when a message has to wait (Kafka or the database
     *         away): the pass stopped there
     */
    int pass(IMAPFolder folder) throws MessagingException {
        Flags processed = marker.flags();
        Message[] pending = folder.search(new AndTerm(new FlagTerm(processed, false),
                new FlagTerm(new Flags(Flags.Flag.DELETED), false)));
        if (pending.length == 0) {
            return 0;
        }
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
        profile.add(FetchProfile.Item.SIZE);
        folder.fetch(pending, profile);
        Log.debugf("%d unprocessed message(s) in %s", pending.length, folder.getFullName());
        int done = 0;
        for (Message message : pending) {
            if (!running) {
                return done;
            }
            if (message.isExpunged()) {
                continue;
            }
            long uid = folder.getUID(message);
            InboundMail mail = new InboundMail(raw(message),
                    message.getReceivedDate() == null ? null : message.getReceivedDate().toInstant());
            EmailIntakeService.Outcome outcome;
            try {
                outcome = intake.handle(mail);
            } catch (RetryLaterException e) {
                Log.warnf("Message uid %d left unprocessed: %s", uid, e.getMessage());
                return -1;
            } catch (RuntimeException e) {
                // A defect, not an outage: this message stays unprocessed (read again next pass), the others go on.
                metrics.failure("unexpected");
                Log.errorf(e, "Message uid %d failed unexpectedly; it stays unprocessed and is tried again", uid);
                continue;
            }
            if (outcome == EmailIntakeService.Outcome.DONE) {
                marker.mark(folder, message);
                done++;
            }
        }
        return done;
    }

    /** Waits in IDLE until the server reports something or the poll interval has passed. */
    private void idleOnce(IMAPFolder folder) throws MessagingException {
        ScheduledFuture<?> renew = watchdog.schedule(() -> endIdle(folder), config.pollInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        idling = folder;
        try {
            if (running) {
                folder.idle(true);
            }
        } finally {
            idling = null;
            renew.cancel(false);
        }
    }

    /** Ends a running IDLE (any command on the folder does: Jakarta Mail sends DONE first). */
    private static void endIdle(IMAPFolder folder) {
        try {
            folder.doCommand(protocol -> null);
        } catch (MessagingException | RuntimeException e) {
            Log.debugf("Ending IDLE: %s", e.toString());
        }
    }

    private IMAPStore connect() throws MessagingException {
        Session session = Session.getInstance(ImapSessions.properties(imap));
        IMAPStore store = (IMAPStore) session.getStore(ImapSessions.protocol(imap));
        store.connect(imap.host(), imap.port(), imap.username(), imap.password());
        return store;
    }

    private IMAPFolder open(IMAPStore store) throws MessagingException {
        IMAPFolder folder = (IMAPFolder) store.getFolder(imap.folder());
        if (!folder.exists()) {
            throw new MessagingException("folder " + imap.folder() + " does not exist");
        }
        folder.open(Folder.READ_WRITE);
        if (ImapSessions.isKeyword(marker.flags()) && !folder.getPermanentFlags().contains(Flags.Flag.USER)) {
            throw new MessagingException("the server keeps no custom keywords in " + imap.folder()
                    + ": set getmark.mail.imap.processed-flag=\\Seen (or a processed-folder)");
        }
        marker.prepare(store);
        return folder;
    }

    private static byte[] raw(Message message) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, message.getSize()));
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("reading the message failed", e);
        }
        return out.toByteArray();
    }

    private void pause(Duration delay) {
        long until = System.nanoTime() + delay.toNanos();
        synchronized (wake) {
            while (running) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    wake.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                    return;
                }
            }
        }
    }

    private static void close(IMAPStore store) {
        if (store == null) {
            return;
        }
        try {
            store.close();
        } catch (MessagingException | RuntimeException e) {
            Log.debugf("Closing the IMAP connection: %s", e.toString());
        }
    }

    private static String describe(Exception e) {
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            text += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
        return text.replaceAll("[\\w.+-]+@[\\w.-]+", "<address>");
    }
}
