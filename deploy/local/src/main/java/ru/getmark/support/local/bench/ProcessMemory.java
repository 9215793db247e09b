package ru.getmark.support.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Resident memory of processes, as the kernel counts it: {@code VmRSS} of {@code /proc/<pid>/status} (Linux only).
 */
final class ProcessMemory {

    private ProcessMemory() {
    }

    /** VmRSS in KiB, or empty when the process is gone or this is not Linux. */
    static OptionalLong rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return OptionalLong.empty();
    }

    /**
     * Samples the resident memory of a set of processes every {@code periodMillis} until closed, keeping each one's
     * maximum and the maximum of their sum (over the same sample).
     */
    static final class Sampler implements AutoCloseable {

        private final Map<String, Long> pids;
        private final Map<String, Long> maxKib = new LinkedHashMap<>();
        private long maxTotalKib;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-rss");
            t.setDaemon(true);
            return t;
        });

        Sampler(Map<String, Long> pids, long periodMillis) {
            this.pids = new LinkedHashMap<>(pids);
            pids.keySet().forEach(name -> maxKib.put(name, 0L));
            timer.scheduleAtFixedRate(this::sample, 0, periodMillis, TimeUnit.MILLISECONDS);
        }

        private synchronized void sample() {
            long total = 0;
            for (Map.Entry<String, Long> pid : pids.entrySet()) {
                long kib = rssKib(pid.getValue()).orElse(0);
                maxKib.merge(pid.getKey(), kib, Math::max);
                total += kib;
            }
            maxTotalKib = Math.max(maxTotalKib, total);
        }

        synchronized Map<String, Long> maxKib() {
            return new LinkedHashMap<>(maxKib);
        }

        synchronized long maxTotalKib() {
            return maxTotalKib;
        }

        /** Stops sampling after one last sample; calling it again changes nothing. */
        @Override
        public void close() {
            if (timer.isShutdown()) {
                return;
            }
            timer.shutdownNow();
            try {
                timer.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sample();
        }
    }
}
