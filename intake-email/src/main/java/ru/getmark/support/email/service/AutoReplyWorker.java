package ru.getmark.support.email.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import ru.getmark.support.email.config.EmailIntakeConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends queued auto-replies every {@code getmark.email.auto-reply.sweep-interval}, out of the mailbox reader's way (a
 * slow or absent SMTP server never holds up intake), and once a minute forgets flood counts and leases nobody needs.
 */
@ApplicationScoped
public class AutoReplyWorker {

    private static final Duration HOUSEKEEPING = Duration.ofMinutes(1);

    private final AutoReplies replies;
    private final Housekeeping housekeeping;
    private final Duration interval;
    private final Clock clock;
    private ScheduledExecutorService executor;
    private Instant nextHousekeeping = Instant.MIN;

    AutoReplyWorker(AutoReplies replies, Housekeeping housekeeping, EmailIntakeConfig config, Clock clock) {
        this.replies = replies;
        this.housekeeping = housekeeping;
        this.interval = config.autoReply().sweepInterval();
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "auto-reply-worker");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void tick() {
        try {
            while (replies.sendDue() == AutoReplies.BATCH && !Thread.currentThread().isInterrupted()) {
                // a full batch: more may be due
            }
            if (clock.instant().isAfter(nextHousekeeping)) {
                nextHousekeeping = clock.instant().plus(HOUSEKEEPING);
                housekeeping.run();
            }
        } catch (RuntimeException e) {
            // The database or the mail server is away; the next tick tries again.
            Log.warnf("Auto-reply sweep failed: %s", e.toString());
        }
    }
}
