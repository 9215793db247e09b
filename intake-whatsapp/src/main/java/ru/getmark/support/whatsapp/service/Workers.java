package ru.getmark.support.whatsapp.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import ru.getmark.support.whatsapp.config.WhatsAppConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The background threads: inbox workers (dialogue turns), outbox workers (sends), the delivery-failure reporter and
 * housekeeping. Each loops: work while there is work, otherwise wait for a signal (new rows committed here) or the
 * poll interval (rows of other replicas, retry times). They start after the start-up guards and stop with the
 * application; whatever a stopped worker was doing rolls back and is picked up again.
 */
@ApplicationScoped
public class Workers {

    private final InboxProcessor inbox;
    private final OutboxSender outbox;
    private final FailureReporter reports;
    private final Housekeeping housekeeping;
    private final Wakeups wakeups;
    private final WhatsAppConfig config;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    Workers(InboxProcessor inbox, OutboxSender outbox, FailureReporter reports, Housekeeping housekeeping,
            Wakeups wakeups, WhatsAppConfig config) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.reports = reports;
        this.housekeeping = housekeeping;
        this.wakeups = wakeups;
        this.config = config;
    }

    void start(@Observes @Priority(50) StartupEvent event) {
        for (int i = 1; i <= Math.max(1, config.inbox().workers()); i++) {
            spawn("whatsapp-inbox-" + i, inbox::runOnce, wakeups.inbox(), config.inbox().pollInterval());
        }
        for (int i = 1; i <= Math.max(1, config.outbox().workers()); i++) {
            spawn("whatsapp-outbox-" + i, outbox::runOnce, wakeups.outbox(), config.outbox().pollInterval());
        }
        spawn("whatsapp-failure-reports", reports::runOnce, wakeups.reports(), Duration.ofSeconds(5));
        spawn("whatsapp-housekeeping", housekeeping::runOnce, new Signal(), Duration.ofHours(1));
        Log.infof("WhatsApp workers started: %d inbox, %d outbox", config.inbox().workers(),
                config.outbox().workers());
    }

    private void spawn(String name, BooleanSupplier job, Signal signal, Duration poll) {
        Thread thread = new Thread(() -> loop(name, job, signal, poll), name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void loop(String name, BooleanSupplier job, Signal signal, Duration poll) {
        while (!stopping) {
            boolean worked;
            try {
                worked = job.getAsBoolean();
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                Log.errorf(e, "%s: unexpected failure; going on after a pause", name);
                worked = false;
            }
            if (!worked && !signal.await(poll)) {
                return;
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
