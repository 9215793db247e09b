package ru.getmark.support.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.imap.ImapServer;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * GreenMail as a real SMTP + IMAP server, in process.
 * <p>
 * Every recipient gets a local mailbox on first delivery, and authentication is disabled: any user name with any
 * password logs in (an unknown user name is created on the spot). So a tester reads a customer's mail over IMAP
 * with the customer's address as user name (and, by convention, as password), and the services send without
 * credentials.
 * <p>
 * {@link #stop()} / {@link #restart()} and {@link #stopSmtp()} / {@link #restartSmtp()} take the listeners down
 * and bring them back on the same ports while the mailboxes stay, so a test can simulate an SMTP outage and still
 * read what was delivered before and after it. (GreenMail's own {@code stop()} would drop every mailbox.)
 */
public final class MailServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MailServer.class);
    private static final long STARTUP_TIMEOUT_MS = 10_000;

    private final KeepingGreenMail greenMail;
    private final String bindHost;
    private final int smtpPort;
    private final int imapPort;
    private boolean closed;

    private MailServer(KeepingGreenMail greenMail, String bindHost, int smtpPort, int imapPort) {
        this.greenMail = greenMail;
        this.bindHost = bindHost;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    /**
     * Starts SMTP and IMAP.
     *
     * @param bindHost the address to listen on, e.g. {@code 127.0.0.1}
     * @param smtpPort SMTP port, 0 = a free port
     * @param imapPort IMAP port, 0 = a free port
     */
    public static MailServer start(String bindHost, int smtpPort, int imapPort) {
        int[] free = Ports.free(2);
        int smtp = smtpPort == 0 ? free[0] : Ports.orFree(smtpPort);
        int imap = imapPort == 0 ? free[1] : Ports.orFree(imapPort);
        ServerSetup smtpSetup = new ServerSetup(smtp, bindHost, ServerSetup.PROTOCOL_SMTP);
        ServerSetup imapSetup = new ServerSetup(imap, bindHost, ServerSetup.PROTOCOL_IMAP);
        smtpSetup.setServerStartupTimeout(STARTUP_TIMEOUT_MS);
        imapSetup.setServerStartupTimeout(STARTUP_TIMEOUT_MS);
        KeepingGreenMail greenMail = new KeepingGreenMail(new ServerSetup[] { smtpSetup, imapSetup });
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        LOG.info("Mail server ready: SMTP {}:{}, IMAP {}:{} (any login)", bindHost, smtp, bindHost, imap);
        return new MailServer(greenMail, bindHost, smtp, imap);
    }

    public String host() {
        return bindHost;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    /** The GreenMail instance, for assertions on received messages ({@code getReceivedMessages()} etc.). */
    public GreenMail greenMail() {
        return greenMail;
    }

    /** Whether both SMTP and IMAP accept connections. */
    public boolean isRunning() {
        return greenMail.isRunning();
    }

    /** Closes the SMTP and IMAP listeners; the mailboxes stay for {@link #restart()}. */
    public synchronized void stop() {
        greenMail.stopListeners();
        LOG.info("Mail server stopped (SMTP {}, IMAP {})", smtpPort, imapPort);
    }

    /** Listens again on the same ports, with the same mailboxes. */
    public synchronized void restart() {
        greenMail.stopListeners();
        greenMail.start();
        LOG.info("Mail server restarted (SMTP {}, IMAP {})", smtpPort, imapPort);
    }

    /** Closes the SMTP listener only (an SMTP outage); IMAP keeps serving the mailboxes. */
    public synchronized void stopSmtp() {
        greenMail.stopListener(ServerSetup.PROTOCOL_SMTP);
        LOG.info("SMTP on port {} stopped", smtpPort);
    }

    /** Listens for SMTP again on the same port. */
    public synchronized void restartSmtp() {
        greenMail.stopListener(ServerSetup.PROTOCOL_SMTP);
        greenMail.startListener(ServerSetup.PROTOCOL_SMTP);
        LOG.info("SMTP on port {} restarted", smtpPort);
    }

    /** Stops the server for good; the mailboxes are gone. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        greenMail.stop();
        LOG.info("Mail server on SMTP {} / IMAP {} closed", smtpPort, imapPort);
    }

    @Override
    public String toString() {
        return "MailServer[smtp " + bindHost + ":" + smtpPort + ", imap " + bindHost + ":" + imapPort + "]";
    }

    /** GreenMail whose listeners can be stopped and started without losing the mail store. */
    private static final class KeepingGreenMail extends GreenMail {

        KeepingGreenMail(ServerSetup[] setups) {
            super(setups);
        }

        synchronized void stopListeners() {
            for (AbstractServer server : services.values()) {
                server.stopService();
            }
            services.clear();
        }

        synchronized void stopListener(String protocol) {
            AbstractServer server = services.remove(protocol);
            if (server != null) {
                server.stopService();
            }
        }

        synchronized void startListener(String protocol) {
            if (services.containsKey(protocol)) {
                return;
            }
            ServerSetup setup = setupOf(protocol);
            AbstractServer server = ServerSetup.PROTOCOL_SMTP.equals(protocol)
                    ? new SmtpServer(setup, getManagers())
                    : new ImapServer(setup, getManagers());
            server.startService();
            try {
                if (!server.waitTillRunning(setup.getServerStartupTimeout())) {
                    throw new IllegalStateException(protocol + " did not start on port " + setup.getPort());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting " + protocol, e);
            }
            services.put(protocol, server);
        }

        private ServerSetup setupOf(String protocol) {
            for (ServerSetup setup : config) {
                if (setup.getProtocol().equals(protocol)) {
                    return setup;
                }
            }
            throw new IllegalArgumentException("No " + protocol + " listener configured");
        }
    }
}
