package ru.getmark.support.local.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What became of each request of the latency phase, and how the benchmark counts it:
 * <ul>
 *   <li><b>failed</b>: refused or failed on sending (SMTP error, HTTP other than 202);</li>
 *   <li><b>on time</b>: its first registration notice arrived by the deadline ({@value LatencyBench#LOST_AFTER_SECONDS} s
 *       after the last send);</li>
 *   <li><b>late</b>: its first notice arrived after the deadline, while the benchmark kept watching (bounded, up to
 *       {@value LatencyBench#LATE_WATCH_SECONDS} s more) — slow, not lost;</li>
 *   <li><b>lost</b>: accepted, and no notice ever arrived;</li>
 *   <li><b>doubled</b>: more than one notice.</li>
 * </ul>
 * Latency = the first notice's arrival − the send start, for on-time and late requests alike (leaving the late ones
 * out would flatter p99).
 */
final class Outcomes {

    private Outcomes() {
    }

    /**
     * One request.
     *
     * @param token      its unique token (the customer's name in the notice)
     * @param channel    "email" or "phone"
     * @param warmup     a warm-up request (not counted in the figures)
     * @param sentAt     epoch millis when its send started
     * @param accepted   SMTP accepted / HTTP 202
     * @param error      why it failed, or null
     * @param arrivals   epoch millis of each notice that named it, in any order
     * @param deadline   epoch millis after which a first notice counts as late
     */
    record Request(String token, String channel, boolean warmup, long sentAt, boolean accepted, String error,
                   List<Long> arrivals, long deadline) {

        Request {
            arrivals = List.copyOf(arrivals);
        }

        /** The first notice's latency, or -1 without one. */
        long latencyMs() {
            return arrivals.isEmpty() ? -1 : Collections.min(arrivals) - sentAt;
        }

        Status status() {
            if (!accepted) {
                return Status.FAILED;
            }
            if (arrivals.isEmpty()) {
                return Status.LOST;
            }
            if (arrivals.size() > 1) {
                return Status.DOUBLED;
            }
            return Collections.min(arrivals) > deadline ? Status.LATE : Status.OK;
        }

        boolean late() {
            return accepted && !arrivals.isEmpty() && Collections.min(arrivals) > deadline;
        }
    }

    /** A request's line in the CSV; a doubled request is "doubled" whether its first notice was on time or late. */
    enum Status {
        OK, LATE, LOST, FAILED, DOUBLED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The figures of the measured requests of one channel ({@code null}: all). */
    static BenchReport.ChannelLatency channel(List<Request> requests, String channel) {
        long sent = 0;
        long failed = 0;
        long late = 0;
        long lost = 0;
        long doubled = 0;
        List<Long> latencies = new ArrayList<>();
        for (Request r : requests) {
            if (r.warmup() || (channel != null && !channel.equals(r.channel()))) {
                continue;
            }
            if (!r.accepted()) {
                failed++;
                continue;
            }
            sent++;
            if (r.arrivals().isEmpty()) {
                lost++;
                continue;
            }
            if (r.arrivals().size() > 1) {
                doubled++;
            }
            if (r.late()) {
                late++;
            }
            latencies.add(r.latencyMs());
        }
        return Stats.latency(sent, failed, late, lost, doubled, latencies);
    }

    /**
     * The per-request CSV: {@code token,channel,phase,sent_at,latency_ms,notices,status,error} (sent_at ISO-8601 UTC;
     * latency_ms empty without a notice; status ok, late, lost, failed or doubled).
     */
    static void writeCsv(List<Request> requests, Path csv) {
        StringBuilder b = new StringBuilder("token,channel,phase,sent_at,latency_ms,notices,status,error\n");
        for (Request r : requests) {
            b.append(r.token()).append(',')
                    .append(r.channel()).append(',')
                    .append(r.warmup() ? "warmup" : "measured").append(',')
                    .append(Instant.ofEpochMilli(r.sentAt())).append(',')
                    .append(r.latencyMs() < 0 ? "" : Long.toString(r.latencyMs())).append(',')
                    .append(r.arrivals().size()).append(',')
                    .append(r.status().label()).append(',')
                    .append(r.error() == null ? "" : quoted(r.error())).append('\n');
        }
        try {
            Files.createDirectories(csv.toAbsolutePath().getParent());
            Files.writeString(csv, b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv, e);
        }
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\"", "\"\"").replace('\n', ' ').replace('\r', ' ') + "\"";
    }
}
