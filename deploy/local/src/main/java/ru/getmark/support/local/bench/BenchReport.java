package ru.getmark.support.local.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Every figure of one benchmark run (with the services' JVM flags and any system property the run gave them besides
 * the local stack's own), written as JSON ({@code schema} {@value #SCHEMA}) and printed as a table. Times in
 * milliseconds or seconds as the field names say, memory in MiB (1 MiB = 1 048 576 bytes), rates per second.
 */
public record BenchReport(
        String schema,
        String command,
        Instant startedAt,
        Instant finishedAt,
        double durationSeconds,
        Settings settings,
        Machine machine,
        LoadAverage loadAverage,
        Durability durability,
        List<String> jvmFlags,
        Map<String, String> serviceProperties,
        ClassArchives classArchives,
        Registration registration,
        Notification notification,
        Latency latency,
        Footprint footprint,
        List<Target> targets,
        Integrity integrity,
        String requestsCsv) {

    public static final String SCHEMA = "getmark.bench.v2";

    /**
     * What was asked.
     *
     * @param n             intake messages put on the topic before ticket-service starts
     * @param rate          requests per second in the latency phase (email and phone alternately)
     * @param seconds       how long the latency phase sends
     * @param notifySeconds the window over which notification throughput is counted
     * @param mailboxes     customer mailboxes watched over IMAP IDLE in the latency phase
     * @param warmup        requests sent (and awaited) before the latency phase, not counted
     * @param settleSeconds the pause after all six services are ready, before idle memory is read
     * @param customers     distinct customers (ИНН) of the registration phase
     * @param seed          the seed of the generated data
     */
    public record Settings(int n, int rate, int seconds, int notifySeconds, int mailboxes, int warmup,
                           int settleSeconds, int customers, long seed) {
    }

    /**
     * The 1-minute load average when the run started, before the latency phase and at the end. Only {@code atStart}
     * measures other work on the machine: the later values include the benchmark's own JVMs, PostgreSQL and Kafka.
     */
    public record LoadAverage(double atStart, double beforeLatency, double atEnd) {
    }

    /**
     * The services' class-data archives (the launcher's {@code ClassArchive}): every start of the run uses the
     * archive recorded from an earlier run of the same packaged app, JVM and flags. When one was missing or stale,
     * a training start and stop of that service (on a throwaway data folder, not measured) recorded it first.
     *
     * @param enabled          archives on (off: {@code --no-class-archives}, the plain JVM start)
     * @param recordedBefore   the services whose archive a training start and stop recorded in this run
     * @param recordReasons    why each of them needed one ("absent", "older than the packaged app", ...)
     * @param trainingSeconds  how long the training took (not part of any figure)
     */
    public record ClassArchives(boolean enabled, List<String> recordedBefore, Map<String, String> recordReasons,
                                double trainingSeconds) {
    }

    /**
     * The durable settings the figures were taken with.
     *
     * @param postgres            {@code SHOW fsync}, {@code synchronous_commit}, {@code full_page_writes},
     *                            {@code wal_sync_method} of the benchmark's PostgreSQL
     * @param kafkaBroker         broker settings: {@code min.insync.replicas}, {@code log.flush.interval.messages},
     *                            {@code default.replication.factor}; one broker, so acks=all means the leader's log
     * @param benchProducerAcks   the acks of the benchmark's own producer (the preload)
     * @param serviceProducers    every producer the services created, from their logs (ProducerConfig at INFO)
     * @param allProducersAcksAll true when every service producer seen has acks=all (-1)
     * @param dataPathAcksAll     true when every service producer except the dead-letter producers (which the
     *                            benchmark's messages never use) has acks=all: the figures are durable ones
     * @param notAcksAll          "service client.id acks=…" of every producer without acks=all
     */
    public record Durability(Map<String, String> postgres, Map<String, String> kafkaBroker, String benchProducerAcks,
                             List<Producer> serviceProducers, boolean allProducersAcksAll, boolean dataPathAcksAll,
                             List<String> notAcksAll) {
    }

    /** A Kafka producer a service created, as its ProducerConfig log lines show it. */
    public record Producer(String service, String clientId, String acks, String idempotence) {
    }

    /**
     * 1. Registration throughput.
     *
     * @param messages       N
     * @param preloadSeconds how long putting the N messages on the topic took (acks=all, batched)
     * @param ticketService  ticket-service's figures
     * @param baseline       the minimal consumer's figures
     * @param ratio          ticketService.perSecond / baseline.perSecond
     */
    public record Registration(int messages, double preloadSeconds, TicketServiceRun ticketService,
                               BaselineRun baseline, double ratio) {
    }

    /**
     * @param registered      registered events on getmark.ticket-events.v1
     * @param distinctTickets distinct ticket numbers among them
     * @param missing         messages never registered
     * @param doubled         messages registered more than once
     * @param foreign         registered events that carry no token of this run
     * @param deadLettered    records on getmark.intake.v1.dlq
     * @param firstEventAt    Kafka timestamp of the first registered event
     * @param lastEventAt     Kafka timestamp of the last registered event
     * @param seconds         lastEventAt − firstEventAt
     * @param perSecond       (registered − 1) / seconds
     * @param startToReadyMs  ticket-service's process start to ready, with the backlog waiting
     * @param launchToLastEventSeconds process start to the last registered event (start-up included)
     */
    public record TicketServiceRun(long registered, long distinctTickets, long missing, long doubled, long foreign,
                                   long deadLettered, Instant firstEventAt, Instant lastEventAt, double seconds,
                                   double perSecond, long startToReadyMs, double launchToLastEventSeconds) {
    }

    /**
     * @param rows          rows in the baseline table
     * @param distinct      distinct message ids among them
     * @param firstCommitAt the first batch's commit
     * @param lastCommitAt  the last batch's commit
     * @param seconds       lastCommitAt − firstCommitAt
     * @param perSecond     (rows − 1) / seconds
     * @param batchSize     rows per JDBC batch and commit
     */
    public record BaselineRun(long rows, long distinct, Instant firstCommitAt, Instant lastCommitAt, double seconds,
                              double perSecond, int batchSize) {
    }

    /**
     * 3. Notification throughput: the notifier started after all N tickets were registered, so it finds N
     * registration notices to send; the clock starts at the first email the mail server stored and runs for the
     * window (or until the last expected email, if sooner).
     *
     * @param windowSeconds  the window asked for
     * @param expected       registration emails due (every customer has an email)
     * @param delivered      emails stored by the mail server within the window (the first included)
     * @param deliveredTotal emails stored by the time counting stopped
     * @param firstAt        the first email's arrival
     * @param endAt          the end of the window
     * @param seconds        endAt − firstAt
     * @param perSecond      (delivered − 1) / seconds
     * @param notifierStartToReadyMs the notifier's process start to ready, with the backlog waiting
     */
    public record Notification(int windowSeconds, long expected, long delivered, long deliveredTotal, Instant firstAt,
                               Instant endAt, double seconds, double perSecond, long notifierStartToReadyMs) {
    }

    /**
     * 2. End-to-end latency: send start until the registration notice is announced in the customer's mailbox.
     *
     * @param rate             requests per second asked for
     * @param seconds          sending time asked for
     * @param requests         requests scheduled
     * @param email            emails to help@getmark.ru
     * @param phone            calls posted to intake-phone
     * @param all              both together
     * @param otherMail        mail in the customers' mailboxes that is no registration notice of a request
     * @param generatorMaxLagMs the largest delay of a send behind its schedule (a loaded generator shows here)
     * @param warmupRequests   requests sent and awaited before, not counted
     * @param warmupMaxMs      the slowest of them
     * @param onTimeSeconds    a notice later than this after the last send is late
     * @param lateWatchSeconds how long after that deadline the benchmark kept watching for late notices (at most)
     */
    public record Latency(int rate, int seconds, int requests, ChannelLatency email, ChannelLatency phone,
                          ChannelLatency all, long otherMail, long generatorMaxLagMs, int warmupRequests,
                          long warmupMaxMs, int onTimeSeconds, int lateWatchSeconds) {
    }

    /**
     * @param sent      requests handed over (SMTP accepted / HTTP 202)
     * @param failed    requests refused or failed on sending
     * @param noticed   requests whose notice arrived (on time or late)
     * @param onTime    noticed by the deadline: {@code onTimeSeconds} after the last send
     * @param late      noticed after the deadline, while the benchmark kept watching (slow, not lost)
     * @param lost      sent requests that never got a notice (not even late)
     * @param doubled   requests with more than one notice
     * @param p50Ms     nearest-rank percentiles of the latencies of noticed requests, late ones included
     * @param p95Ms     〃
     * @param p99Ms     〃
     * @param maxMs     the slowest
     * @param meanMs    the mean
     */
    public record ChannelLatency(long sent, long failed, long noticed, long onTime, long late, long lost, long doubled,
                                 long p50Ms, long p95Ms, long p99Ms, long maxMs, double meanMs) {
    }

    /**
     * 4. Footprint: each service started alone on a fresh data folder (first start: Flyway migrates the empty
     * databases), its time from process start to /q/health/ready UP; then stopped (SIGTERM) and started again on the
     * same databases (a restart, as on every deploy: migrations already applied). VmRSS of the restarted services
     * when idle (all six ready, then the settle pause) and the largest seen under the latency load (sampled every
     * 500 ms).
     *
     * @param services      one row per service
     * @param idleTotalMib  the six together, idle
     * @param maxTotalMib   the largest sum of one sample under load
     */
    public record Footprint(List<ServiceFootprint> services, double idleTotalMib, double maxTotalMib) {
    }

    /**
     * @param startToReadyMs   first start, empty databases: process start to ready
     * @param startCpuMs       CPU time (user + system) of the process by then (-1 unknown)
     * @param restartToReadyMs restart on the same databases: process start to ready
     * @param restartCpuMs     CPU time of the restarted process by then
     * @param classArchive     what the first start did about its class-data archive (used, recording, rejected, off)
     * @param restartClassArchive the same for the restart
     */
    public record ServiceFootprint(String service, long startToReadyMs, long startCpuMs, long restartToReadyMs,
                                   long restartCpuMs, String classArchive, String restartClassArchive,
                                   double idleRssMib, double maxRssMib) {
    }

    /** A target of issue 8 and whether this run met it. */
    public record Target(String name, String value, String limit, boolean met) {
    }

    /**
     * The checks that make the figures trustworthy: every message registered exactly once, the baseline wrote N
     * distinct rows, no request lost or doubled, every request accepted by its channel, durable settings on.
     * {@code ok} is their conjunction; {@code problems} says what failed.
     */
    public record Integrity(boolean registeredExactlyOnce, boolean baselineComplete, boolean noRequestLostOrDoubled,
                            boolean allRequestsAccepted, boolean durable, boolean ok, List<String> problems) {
    }
}
