package ru.getmark.support.local.bench;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles and rates as the benchmark defines them. */
final class Stats {

    private Stats() {
    }

    /**
     * The nearest-rank percentile: the smallest value such that at least {@code p} % of the values are ≤ it (the
     * value of rank ⌈p/100 · n⌉ in ascending order). 0 for no values.
     */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** Events per second between the first and the last of {@code count} events: (count − 1) / span. */
    static double rate(long count, double seconds) {
        if (count < 2 || seconds <= 0) {
            return 0;
        }
        return (count - 1) / seconds;
    }

    /** The figures of one channel; {@code latenciesMs} are those of every noticed request, late ones included. */
    static BenchReport.ChannelLatency latency(long sent, long failed, long late, long lost, long doubled,
                                              Collection<Long> latenciesMs) {
        long[] sorted = latenciesMs.stream().mapToLong(Long::longValue).sorted().toArray();
        double mean = Arrays.stream(sorted).average().orElse(0);
        return new BenchReport.ChannelLatency(sent, failed, sorted.length, sorted.length - late, late, lost, doubled,
                percentile(sorted, 50),
                percentile(sorted, 95), percentile(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1],
                Math.round(mean * 10) / 10.0);
    }

    static double mib(long kib) {
        return Math.round(kib / 1024.0 * 10) / 10.0;
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
