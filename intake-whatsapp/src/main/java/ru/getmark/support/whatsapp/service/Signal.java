package ru.getmark.support.whatsapp.service;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes idle worker threads when there is new work (a webhook stored, a reply queued), so that a message does not wait
 * for the next poll. Polling stays as the fallback: another replica's work and retry times are only found by it.
 */
public final class Signal {

    private final Semaphore permits = new Semaphore(0);

    /** New work: wake a waiting worker. */
    public void raise() {
        if (permits.availablePermits() < 64) {
            permits.release();
        }
    }

    /** Waits for a signal or the timeout; @return false when interrupted. */
    public boolean await(Duration timeout) {
        try {
            if (permits.tryAcquire(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                permits.drainPermits();
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
