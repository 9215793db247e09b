package ru.getmark.support.notifier.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import ru.getmark.support.notifier.config.DeliveryConfig;
import ru.getmark.support.notifier.domain.EmailAddresses;

import java.util.ArrayList;
import java.util.List;

/**
 * The threads that send what the consumer recorded. Each drains due deliveries one transaction at a time
 * ({@link DeliveryService#deliverDue()}) until none is due, then sleeps until it is woken — right after the
 * consumer committed new deliveries, which keeps the latency from event to mail server at milliseconds — or until
 * the sweep interval passed, which picks up retries that became due and whatever another replica recorded.
 * <p>
 * Several threads and several replicas work the same table safely: each row is locked by the one transaction that
 * sends it ({@code FOR UPDATE SKIP LOCKED}). {@code getmark.delivery.workers=0} turns sending off (the consumer
 * still records).
 */
@ApplicationScoped
public class DeliveryWorker {

    private final DeliveryService deliveries;
    private final NoticeMetrics metrics;
    private final DeliveryConfig config;
    private final Object signal = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private long signals;
    private volatile boolean running;

    public DeliveryWorker(DeliveryService deliveries, NoticeMetrics metrics, DeliveryConfig config) {
        this.deliveries = deliveries;
        this.metrics = metrics;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        running = true;
        for (int i = 0; i < config.workers(); i++) {
            int index = i;
            Thread thread = new Thread(() -> run(index), "notice-delivery-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        Log.infof("%d notice delivery worker(s) started, sweeping every %s", config.workers(),
                config.sweepInterval());
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        wake();
        for (Thread thread : threads) {
            try {
                // A send in progress finishes (or times out) and commits before the database goes away.
                thread.join(config.publishTimeout().toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** New deliveries were committed: look now instead of at the next sweep. */
    public void wake() {
        synchronized (signal) {
            signals++;
            signal.notifyAll();
        }
    }

    private void run(int index) {
        long sweepMillis = Math.max(1, config.sweepInterval().toMillis());
        while (running) {
            long seen;
            synchronized (signal) {
                seen = signals;
            }
            try {
                while (running && deliveries.deliverDue() > 0) {
                    // a few deliveries per transaction, until none is due
                }
                if (index == 0) {
                    metrics.pending(deliveries.countPending());
                }
            } catch (RuntimeException e) {
                Log.warnf("Notice delivery worker %d: %s; trying again in %s", index, EmailAddresses.maskAll(e.toString()),
                        config.sweepInterval());
            }
            // nothing due (or a failure): no SMTP connection kept open while waiting, the server would drop it
            deliveries.closeConnections();
            synchronized (signal) {
                if (running && signals == seen) {
                    try {
                        signal.wait(sweepMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }
}
