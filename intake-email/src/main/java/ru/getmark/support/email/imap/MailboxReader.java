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
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.eclipse.angus.mail.imap.protocol.UIDSet;
import ru.getmark.support.email.config.EmailIntakeConfig;
import ru.getmark.support.email.config.MailConfig;
import ru.getmark.support.email.service.Backoff;
import ru.getmark.support.email.service.EmailIntakeService;
import ru.getmark.support.email.service.InboundMail;
import ru.getmark.support.email.service.IntakeMetrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the support mailbox, on a thread of its own, for as long as the service runs.
 * <ul>
 *   <li>Every pass reads the messages without the processed flag (oldest first), in chunks, hands them to
 *       {@link EmailIntakeService} and flags each only when that says Kafka has what became of it. A message that could
 *       not be handled (Kafka or the database away) stays unflagged and is read again on a later pass.</li>
 *   <li>Between passes it waits in IMAP IDLE when the server offers it (new mail wakes it at once), renewed every
 *       {@code getmark.email.poll-interval} with a fresh pass; without IDLE it polls at that interval. Mail the server
 *       announces at any other moment — in the answer to a command of the pass, or in its answer to the IDLE command
 *       itself, which {@code IMAPFolder.idle} takes in without returning — is noticed by a message count listener,
 *       which ends the IDLE (or keeps the reader from entering it) so that another pass follows at once: the poll
 *       interval is a safety net, never the latency of a message.</li>
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
    /** The server announced new mail since the current pass began (set by the folder's message count listener). */
    private final AtomicBoolean announced = new AtomicBoolean();
    /**
     * Connection failures in a row; reset only after a whole pass succeeded, so that a connection that breaks again
     * at once (a message whose flag the server refuses) is retried with growing delays, not hammered.
     */
    private int failures;
    private Thread thread;
    private ScheduledExecutorService watchdog;
    /** Test seam: runs on the reader thread right before it enters IDLE, after its last look at the folder. */
    private volatile Runnable beforeIdle = () -> { };

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

    /** Tests only: something to do on the reader thread each time right before it enters IDLE. */
    void beforeIdle(Runnable hook) {
        this.beforeIdle = hook == null ? () -> { } : hook;
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
            // Whatever was announced until now, this pass's SEARCH sees; what is announced from now on, the flag keeps.
            announced.set(false);
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
            if (done > 0 || announced.get() || !running) {
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
     * Handles every unprocessed message of the folder, oldest first, a chunk at a time: one FETCH of the chunk's
     * bodies, {@link EmailIntakeService} for all of them (one transaction, the Kafka acknowledgements awaited together),
     * one STORE of the flag for those Kafka has.
     *
     * @return how many messages were marked processed, or -1 when a message has to wait (Kafka or the database
     *         away): the pass stopped after the chunk that holds it
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
        for (List<Message> chunk : chunks(pending, config.chunk().maxMessages(), config.chunk().maxBytes().asLongValue())) {
            if (!running) {
                return done;
            }
            long started = System.nanoTime();
            Map<Long, byte[]> bodies = bodies(folder, chunk);
            long fetched = System.nanoTime();
            List<Message> read = new ArrayList<>(chunk.size());
            List<InboundMail> mails = new ArrayList<>(chunk.size());
            for (Message message : chunk) {
                byte[] raw = bodies.get(folder.getUID(message));
                if (raw == null) {
                    continue; // expunged meanwhile (another replica moved it)
                }
                read.add(message);
                mails.add(new InboundMail(raw,
                        message.getReceivedDate() == null ? null : message.getReceivedDate().toInstant()));
            }
            List<EmailIntakeService.Outcome> outcomes = intake.handle(mails);
            long handledAt = System.nanoTime();
            List<Message> handled = new ArrayList<>(read.size());
            boolean retry = false;
            for (int i = 0; i < read.size(); i++) {
                EmailIntakeService.Outcome outcome = outcomes.get(i);
                if (outcome == EmailIntakeService.Outcome.DONE) {
                    handled.add(read.get(i));
                } else if (outcome == EmailIntakeService.Outcome.RETRY) {
                    retry = true;
                }
            }
            marker.mark(folder, handled.toArray(new Message[0]));
            done += handled.size();
            if (Log.isDebugEnabled()) {
                Log.debugf("Chunk of %d message(s): bodies fetched in %d ms, handled in %d ms, %d flagged in %d ms",
                        chunk.size(), (fetched - started) / 1_000_000, (handledAt - fetched) / 1_000_000,
                        handled.size(), (System.nanoTime() - handledAt) / 1_000_000);
            }
            if (retry) {
                Log.warnf("%d message(s) of %d left unprocessed until Kafka and the database take them",
                        read.size() - handled.size(), read.size());
                return -1;
            }
        }
        return done;
    }

    /**
     * Cuts the pending messages into chunks of at most {@code maxMessages} messages and {@code maxBytes} bytes (by the
     * server's size), in order; a message larger than {@code maxBytes} is a chunk of its own.
     */
    static List<List<Message>> chunks(Message[] pending, int maxMessages, long maxBytes) throws MessagingException {
        List<List<Message>> chunks = new ArrayList<>();
        List<Message> chunk = new ArrayList<>();
        long bytes = 0;
        for (Message message : pending) {
            if (message.isExpunged()) {
                continue;
            }
            long size = Math.max(0, message.getSize());
            if (!chunk.isEmpty() && (chunk.size() >= maxMessages || bytes + size > maxBytes)) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(message);
            bytes += size;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    /**
     * The raw bytes of the chunk's messages, by UID, in ONE command ({@code UID FETCH <set> (UID BODY.PEEK[])}) instead
     * of one round trip per message; the same bytes {@code Message.writeTo} fetches, and {@code PEEK} leaves
     * {@code \Seen} alone. Whatever else the server says meanwhile (new mail: EXISTS) goes to the folder as usual, so
     * its message count listener still wakes the reader.
     */
    private static Map<Long, byte[]> bodies(IMAPFolder folder, List<Message> chunk) throws MessagingException {
        long[] uids = new long[chunk.size()];
        for (int i = 0; i < uids.length; i++) {
            uids[i] = folder.getUID(chunk.get(i));
        }
        Arrays.sort(uids);
        String set = UIDSet.toString(UIDSet.createUIDSets(uids));
        @SuppressWarnings("unchecked")
        Map<Long, byte[]> bodies = (Map<Long, byte[]>) folder.doCommand(protocol -> {
            Response[] responses = protocol.command("UID FETCH " + set + " (UID BODY.PEEK[])", null);
            Map<Long, byte[]> found = new HashMap<>();
            List<Response> others = new ArrayList<>();
            for (int i = 0; i < responses.length - 1; i++) {
                if (responses[i] instanceof FetchResponse fetch) {
                    UID uid = fetch.getItem(UID.class);
                    BODY body = fetch.getItem(BODY.class);
                    if (uid != null && body != null && !body.isHeader() && body.getByteArray() != null) {
                        found.put(uid.uid, body.getByteArray().getNewBytes());
                        continue;
                    }
                }
                others.add(responses[i]);
            }
            protocol.notifyResponseHandlers(others.toArray(new Response[0]));
            protocol.handleResult(responses[responses.length - 1]);
            return found;
        });
        return bodies;
    }

    /** Waits in IDLE until the server reports something or the poll interval has passed. */
    private void idleOnce(IMAPFolder folder) throws MessagingException {
        ScheduledFuture<?> renew = watchdog.schedule(() -> endIdle(folder), config.pollInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        idling = folder;
        try {
            if (running) {
                beforeIdle.run();
                if (!announced.get()) {
                    folder.idle(true);
                }
            }
        } finally {
            idling = null;
            renew.cancel(false);
        }
    }

    /**
     * New mail was announced (on Jakarta Mail's event thread): the reader looks again before it waits. When it is
     * waiting in IDLE already, or about to (it may be past its check of the flag and not yet in IDLE, when ending IDLE
     * does nothing), the IDLE is ended from the watchdog thread, retried briefly until the reader has left it.
     */
    private void announce(IMAPFolder folder) {
        announced.set(true);
        if (idling != folder || watchdog == null) {
            return; // not waiting: it checks the flag before it does
        }
        try {
            watchdog.execute(() -> {
                for (int i = 0; i < 100 && running && idling == folder && announced.get(); i++) {
                    endIdle(folder);
                    if (idling != folder) {
                        return;
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        } catch (RuntimeException e) {
            Log.debugf("Waking the IMAP reader: %s", e.toString()); // stopping
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
        folder.addMessageCountListener(new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent event) {
                announce(folder);
            }
        });
        if (ImapSessions.isKeyword(marker.flags()) && !folder.getPermanentFlags().contains(Flags.Flag.USER)) {
            throw new MessagingException("the server keeps no custom keywords in " + imap.folder()
                    + ": set getmark.mail.imap.processed-flag=\\Seen (or a processed-folder)");
        }
        marker.prepare(store);
        return folder;
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
