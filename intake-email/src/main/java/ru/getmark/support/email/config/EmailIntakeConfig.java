package ru.getmark.support.email.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How intake-email reads, judges and answers mail. How long a message waits for Kafka before it is left for the next
 * pass is adapter-support's {@code getmark.intake.publish-timeout} (and {@code .rejected-publish-timeout}).
 */
@ConfigMapping(prefix = "getmark.email")
public interface EmailIntakeConfig {

    /** The largest file accepted (larger → the message is kept as rejected, too_large, and the sender told). */
    @WithDefault("10M")
    MemorySize maxAttachmentSize();

    /** The most all files of one message may weigh together. */
    @WithDefault("25M")
    MemorySize maxMessageSize();

    /** The most files one message may carry. */
    @WithDefault("20")
    int maxAttachments();

    /**
     * Further addresses of ours besides {@code getmark.mail.from} and the mailbox login (e.g. the notifier's From when
     * it differs): mail from them is ignored, never answered.
     */
    Optional<List<String>> ownAddresses();

    /**
     * How often the mailbox is scanned for unprocessed mail. With IMAP IDLE new mail wakes the reader at once and
     * this is only the period after which IDLE is renewed and the folder re-scanned (it also bounds how long a dead
     * connection goes unnoticed); without IDLE it is the polling interval.
     */
    @WithDefault("60s")
    Duration pollInterval();

    /** First wait before reconnecting after the server or the network dropped; doubles up to {@link #reconnectMaxDelay()}. */
    @WithDefault("1s")
    Duration reconnectInitialDelay();

    @WithDefault("2m")
    Duration reconnectMaxDelay();

    /**
     * How long a replica holds a message it started to handle, so that another replica reading the same mailbox
     * leaves it alone. A crashed replica's messages are taken over after it.
     */
    @WithDefault("2m")
    Duration claimLease();

    /**
     * Text longer than this (characters) is cut in the intake message; the full text then travels as an attachment
     * (claim check), so that no record ever outgrows Kafka's limit.
     */
    @WithDefault("100000")
    int maxTextLength();

    Flood flood();

    AutoReply autoReply();

    Chunk chunk();

    /**
     * A pass reads the pending messages in chunks (issue 8): one FETCH of their bodies, one transaction for their
     * claims and flood counts, their records sent to Kafka together and their acknowledgements awaited together, one
     * STORE of the processed flag. Bounded so that a backlog is never held in memory at once.
     */
    interface Chunk {

        /** The most messages in one chunk. */
        @WithDefault("100")
        int maxMessages();

        /** The most bytes (by the server's RFC822.SIZE) in one chunk; a larger message makes a chunk of its own. */
        @WithDefault("4M")
        MemorySize maxBytes();
    }

    /** One sender writing too much: held back, reported, not hundreds of tickets. */
    interface Flood {

        /** Messages one sender may send within {@link #window()}; more are held back (rejected-intake, reason flood). */
        @WithDefault("20")
        int maxMessages();

        @WithDefault("1h")
        Duration window();
    }

    /** Delivery of auto-replies and flood notices, out of the reading loop, from the auto_reply table. */
    interface AutoReply {

        @WithDefault("2s")
        Duration sweepInterval();

        @WithDefault("5s")
        Duration initialBackoff();

        @WithDefault("10m")
        Duration maxBackoff();

        /** After this many failed attempts the reply is given up (status FAILED, logged). */
        @WithDefault("10")
        int maxAttempts();
    }
}
