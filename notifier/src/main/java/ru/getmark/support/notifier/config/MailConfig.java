package ru.getmark.support.notifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Outgoing mail. The notifier talks SMTP with Jakarta Mail directly rather than through quarkus-mailer: the Vert.x
 * mail client behind it left some new connections hanging before EHLO (see INFRA-FACTS.md), and a notice that hangs
 * for 30 s blocks every notice queued behind it.
 */
@ConfigMapping(prefix = "getmark.mail")
public interface MailConfig {

    Smtp smtp();

    /** The address notices come from; also the domain of their Message-IDs. */
    @WithDefault("help@getmark.ru")
    String from();

    /** Display name of {@link #from()}. */
    @WithDefault("Служба технической поддержки GetMark")
    String fromName();

    /**
     * The mail server's IMAP side. The notifier never reads mail; this is here only because the test resource and
     * the local launcher set {@code getmark.mail.imap.*} for every service, and a property under this prefix that
     * maps to nothing fails the start.
     */
    Imap imap();

    interface Imap {
        Optional<String> host();

        OptionalInt port();
    }

    interface Smtp {

        String host();

        int port();

        /** Login, when the server wants one (production); the local GreenMail accepts mail without. */
        Optional<String> username();

        /** Password; from the environment only. */
        Optional<String> password();

        /** Upgrade the plain connection with STARTTLS (and refuse to send without it). */
        @WithDefault("false")
        boolean starttls();

        /** Implicit TLS from the first byte (SMTPS, usually port 465). */
        @WithDefault("false")
        boolean ssl();

        /** Name sent in EHLO; unset = Jakarta Mail asks the OS, which may do a slow DNS lookup. */
        Optional<String> localHost();

        /** Short timeouts: a hanging mail server must fail the send, not freeze the consumer. */
        @WithDefault("5s")
        Duration connectTimeout();

        @WithDefault("10s")
        Duration readTimeout();

        @WithDefault("10s")
        Duration writeTimeout();

        /**
         * How many notices one SMTP connection carries before it is closed and a new one opened: a worker keeps its
         * connection while it drains a backlog (no handshake per notice), and servers that limit messages per
         * session are not crossed. 1 = a connection per notice.
         */
        @WithDefault("100")
        int messagesPerConnection();
    }
}
