package ru.getmark.support.ticket.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the transactional outbox is relayed to Kafka. */
@ConfigMapping(prefix = "getmark.outbox")
public interface OutboxConfig {

    /**
     * How often the relay sweeps the outbox besides being woken after each commit: the safety net for events whose
     * wake-up was lost (crash after commit, another replica's commit, a failed publish).
     */
    @WithDefault("1s")
    String sweepInterval();

    /** Events published per relay transaction (one query, one produce burst, one update, one commit). */
    @WithDefault("500")
    int batchSize();

    /**
     * How long the relay's producer lingers to fill a produce request ({@code linger.ms}): a batch of events goes
     * out in a few requests instead of one per event, for at most this much extra latency.
     */
    @WithDefault("PT0.005S")
    Duration linger();

    /**
     * How long one publish may wait for Kafka (metadata, then acknowledgement) before the relay gives up and leaves
     * the rows for the next attempt.
     */
    @WithDefault("PT10S")
    Duration sendTimeout();

    /** How long published rows are kept (for audit and replays) before the cleanup deletes them. */
    @WithDefault("P7D")
    Duration retention();

    /** When the cleanup of published rows runs (cron, Quartz-style). */
    @WithDefault("0 17 3 * * ?")
    String cleanupCron();
}
