package ru.getmark.support.local.bench;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The benchmark's figures as a table for people (the JSON has the same and more). */
final class ReportTable {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ReportTable() {
    }

    static void print(BenchReport r, PrintStream out) {
        BenchReport.Settings s = r.settings();
        Machine m = r.machine();
        out.println();
        out.println("================================ GetMark benchmark ================================");
        out.printf("%s   %s%n", WHEN.format(r.startedAt()), r.command());
        out.printf("Machine: %d cores, %,d MiB, %s; %s (kernel %s); Java %s%n", m.cores(), m.memoryMib(), m.cpu(),
                m.os(), m.kernel(), m.java());
        out.printf("Load average (1 min) at start: %.2f — other work on the machine before the run (later values "
                        + "include the benchmark's own JVMs and PostgreSQL: %.2f before the latency phase, %.2f at the "
                        + "end)%n", r.loadAverage().atStart(), r.loadAverage().beforeLatency(),
                r.loadAverage().atEnd());
        BenchReport.Durability d = r.durability();
        out.printf("Durable: PostgreSQL fsync=%s synchronous_commit=%s full_page_writes=%s; Kafka acks=all "
                        + "(benchmark producer; %d service producers seen, those carrying the requests all acks=all: "
                        + "%s), %s broker(s), min.insync.replicas=%s%n",
                d.postgres().get("fsync"), d.postgres().get("synchronous_commit"), d.postgres().get("full_page_writes"),
                d.serviceProducers().size(), d.dataPathAcksAll() ? "yes" : "NO", d.kafkaBroker().get("brokers"),
                d.kafkaBroker().get("min.insync.replicas"));
        if (!d.notAcksAll().isEmpty()) {
            out.println("WARNING: producers without acks=all (SmallRye's dead-letter producers default to acks=1; "
                    + "set mp.messaging.incoming.<channel>.dead-letter-queue.acks=all):");
            d.notAcksAll().forEach(p -> out.println("   " + p));
        }
        out.println("Services' JVM flags: " + String.join(" ", r.jvmFlags()));
        if (!r.serviceProperties().isEmpty()) {
            out.println("Services' extra properties: " + r.serviceProperties());
        }
        out.println(archives(r.classArchives(), r.footprint()));

        BenchReport.Registration reg = r.registration();
        BenchReport.TicketServiceRun t = reg.ticketService();
        BenchReport.BaselineRun b = reg.baseline();
        out.println();
        out.printf("1. Registration throughput (N = %,d, put on the topic first; first to last registered event)%n",
                reg.messages());
        out.printf("   %-16s %10s /s   %8.1f s   %,d registered once; %d missing, %d doubled, %d dead-lettered%n",
                "ticket-service", grouped(t.perSecond()), t.seconds(), t.registered() - t.doubled(), t.missing(),
                t.doubled(), t.deadLettered());
        out.printf("   %-16s %10s /s   %8.1f s   %,d rows, JDBC batches of %d, one commit each%n", "baseline",
                grouped(b.perSecond()), b.seconds(), b.rows(), b.batchSize());
        out.printf("   %-16s %10.2f%n", "ratio", reg.ratio());

        BenchReport.Latency l = r.latency();
        out.println();
        out.printf("2. End-to-end latency (%d requests/s for %d s; send start to the registration notice in the "
                + "mailbox, IMAP IDLE)%n", l.rate(), l.seconds());
        out.printf("   %-8s %6s %7s %6s %6s %8s %8s %8s %8s %8s%n", "", "sent", "failed", "late", "lost", "doubled",
                "p50 ms", "p95 ms", "p99 ms", "max ms");
        row(out, "email", l.email());
        row(out, "phone", l.phone());
        row(out, "both", l.all());
        out.printf("   late = notice more than %d s after the last send (watched up to %d s more; in the percentiles); "
                + "lost = no notice at all%n", l.onTimeSeconds(), l.lateWatchSeconds());
        out.printf("   other mail in the mailboxes: %d; generator's largest lag: %d ms; warm-up: %d requests, "
                + "slowest %d ms%n", l.otherMail(), l.generatorMaxLagMs(), l.warmupRequests(), l.warmupMaxMs());

        BenchReport.Notification n = r.notification();
        out.println();
        out.printf("3. Notification throughput: %s registration emails/s (%,d stored in %.1f s from the first; "
                + "window %d s)%n", grouped(n.perSecond()), n.delivered(), n.seconds(), n.windowSeconds());

        BenchReport.Footprint f = r.footprint();
        out.println();
        out.println("4. Footprint (each service started alone, process start → /q/health/ready; CPU = user + system "
                + "time by then; VmRSS)");
        out.printf("   %-16s %22s %22s %10s %10s %12s%n", "", "first start, empty DB", "restart, migrated DB",
                "archive", "RSS idle", "RSS max load");
        // archive: used / recording (none usable: this start records one) / rejected (the JVM refused it, e.g. the
        // app was rebuilt meanwhile); "a/b" when the first start and the restart differ
        for (BenchReport.ServiceFootprint row : f.services()) {
            out.printf("   %-16s %7.2f s (CPU %5.1f s) %7.2f s (CPU %5.1f s) %10s %6.0f MiB %8.0f MiB%n", row.service(),
                    row.startToReadyMs() / 1000.0, row.startCpuMs() / 1000.0, row.restartToReadyMs() / 1000.0,
                    row.restartCpuMs() / 1000.0, row.classArchive().equals(row.restartClassArchive())
                            ? row.classArchive() : row.classArchive() + "/" + row.restartClassArchive(),
                    row.idleRssMib(), row.maxRssMib());
        }
        out.printf("   %-16s %22s %22s %10s %6.0f MiB %8.0f MiB%n", "the six together", "", "", "", f.idleTotalMib(),
                f.maxTotalMib());

        out.println();
        out.println("Targets");
        for (BenchReport.Target target : r.targets()) {
            out.printf("   %-52s %-28s %-22s %s%n", target.name(), target.value(), target.limit(),
                    target.met() ? "met" : "MISSED");
        }
        out.println();
        if (r.integrity().ok()) {
            out.println("Integrity: every message registered once, baseline complete, no request lost, doubled or "
                    + "refused, durable settings on.");
        } else {
            out.println("INTEGRITY PROBLEMS:");
            r.integrity().problems().forEach(p -> out.println("   " + p));
        }
        out.printf("Run took %.0f s. Other work on the machine disturbs the figures: the load average at start "
                + "(%.2f) shows how much there was; the later values count the benchmark's own processes.%n",
                r.durationSeconds(), r.loadAverage().atStart());
    }

    /** Whether the measured starts used class-data archives, and where those came from. */
    static String archives(BenchReport.ClassArchives a, BenchReport.Footprint f) {
        if (!a.enabled()) {
            return "Class-data archives: off (--no-class-archives) — plain JVM starts";
        }
        long first = f.services().stream().filter(s -> s.classArchive().equals("used")).count();
        long restart = f.services().stream().filter(s -> s.restartClassArchive().equals("used")).count();
        String used = String.format("Class-data archives (<module>/target/getmark-cds) used by %d of %d first starts "
                + "and %d of %d restarts", first, f.services().size(), restart, f.services().size());
        if (a.recordedBefore().isEmpty()) {
            return used + "; all recorded by an earlier run";
        }
        return String.format("%s; %s recorded theirs first in this run by a training start and stop (%.0f s, not "
                + "measured)", used, String.join(", ", a.recordedBefore()), a.trainingSeconds());
    }

    private static void row(PrintStream out, String name, BenchReport.ChannelLatency c) {
        out.printf("   %-8s %6d %7d %6d %6d %8d %8d %8d %8d %8d%n", name, c.sent(), c.failed(), c.late(), c.lost(),
                c.doubled(), c.p50Ms(), c.p95Ms(), c.p99Ms(), c.maxMs());
    }

    private static String grouped(double value) {
        return value >= 100 ? String.format("%,.0f", value) : String.format("%.1f", value);
    }
}
