package ru.getmark.support.email.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The mail server: the support mailbox read over IMAP, and SMTP for the auto-replies. Both with Jakarta Mail (Angus)
 * directly: IMAP IDLE needs it, and the Vert.x mail client behind quarkus-mailer left some SMTP connections hanging
 * (INFRA-FACTS.md). Credentials come from the environment only ({@code GETMARK_MAIL_IMAP_PASSWORD} ...).
 */
@ConfigMapping(prefix = "getmark.mail")
public interface MailConfig {

    /** The support address: auto-replies come from it, mail from it is never answered. */
    @WithDefault("help@getmark.ru")
    String from();

    /** Display name of {@link #from()}. */
    @WithDefault("Служба технической поддержки GetMark")
    String fromName();

    Imap imap();

    Smtp smtp();

    /** The support mailbox. */
    interface Imap {

        String host();

        /** 143 for plain/STARTTLS, 993 for implicit TLS. */
        int port();

        /** The mailbox login (help@getmark.ru). */
        String username();

        /** From the environment only. */
        String password();

        /** Implicit TLS from the first byte (IMAPS, usually port 993). */
        @WithDefault("false")
        boolean ssl();

        /** Upgrade a plain connection with STARTTLS (and refuse to go on without it). */
        @WithDefault("false")
        boolean starttls();

        /**
         * Wait for new mail with IMAP IDLE when the server offers it; false = always poll every
         * {@code getmark.email.poll-interval} (for a server whose IDLE misbehaves).
         */
        @WithDefault("true")
        boolean idle();

        /** The folder customers' mail arrives in. */
        @WithDefault("INBOX")
        String folder();

        /**
         * The IMAP keyword set on a message once Kafka acknowledged what became of it; messages without it are read
         * (again). A keyword rather than {@code \Seen}, which people reading the mailbox set too. {@code \Seen} may
         * be configured for a server that keeps no custom keywords.
         */
        @WithDefault("$GetMarkProcessed")
        String processedFlag();

        /**
         * When set, a processed message is also moved there (created when missing), keeping the inbox short. The
         * flag is set first, so a failed move never makes a message new again.
         */
        Optional<String> processedFolder();

        @WithDefault("10s")
        Duration connectTimeout();

        /** Socket read timeout of commands; an IDLE survives it (Jakarta Mail ignores timeouts while idle). */
        @WithDefault("30s")
        Duration readTimeout();
    }

    /** Outgoing mail (auto-replies). */
    interface Smtp {

        String host();

        int port();

        /** Login, when the server wants one (production); the local GreenMail accepts mail without. */
        Optional<String> username();

        /** From the environment only. */
        Optional<String> password();

        @WithDefault("false")
        boolean starttls();

        /** Implicit TLS from the first byte (SMTPS, usually port 465). */
        @WithDefault("false")
        boolean ssl();

        /** Name sent in EHLO; unset = Jakarta Mail asks the OS, which may do a slow DNS lookup. */
        Optional<String> localHost();

        @WithDefault("5s")
        Duration connectTimeout();

        @WithDefault("10s")
        Duration readTimeout();

        @WithDefault("10s")
        Duration writeTimeout();
    }
}
