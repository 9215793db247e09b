package ru.getmark.support.local.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.local.LocalStack;
import ru.getmark.support.local.ServiceSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code ./getmark bench}: measures the system on this machine with durable settings, side by side with the machine's
 * limit, and prints a table and writes the same figures as JSON ({@link BenchReport}):
 * <ol>
 *   <li>registration throughput of ticket-service and of a minimal baseline consumer ({@link RegistrationBench});</li>
 *   <li>end-to-end latency of emails and calls until the registration notice is in the mailbox
 *       ({@link LatencyBench});</li>
 *   <li>notification throughput (registration emails per second);</li>
 *   <li>each service's start time (first start on empty databases, and a restart) and resident memory, idle and
 *       under load.</li>
 * </ol>
 * The services start from their class-data archives ({@link ArchiveTraining}), as every start after the first does
 * with {@code ./getmark up}; {@code --no-class-archives} measures plain JVM starts. Besides the JSON, a CSV with one
 * line per request of the latency phase ({@link Outcomes#writeCsv}) is written next to it.
 * Everything runs on free ports in a fresh temporary folder that is deleted at the end (a running {@code ./getmark up}
 * and its {@code .getmark/data} are never touched), and every process the run starts is stopped before it returns.
 */
public final class Benchmark {

    /**
     * How to run.
     *
     * @param home          the project checkout (the services' packaged apps)
     * @param n             messages of the registration phase
     * @param rate          requests per second of the latency phase
     * @param seconds       sending time of the latency phase
     * @param notifySeconds notification-throughput window
     * @param out           the JSON file
     * @param mailboxes     customer mailboxes at least
     * @param warmup        warm-up requests before the latency phase
     * @param settleSeconds pause after all services are ready, before idle memory is read
     * @param customers     distinct customers of the registration phase (0 = N / 4, at least 50)
     * @param seed          data seed
     * @param jvmFlags      the services' JVM flags
     * @param keepData      keep the temporary folder (services' logs) instead of deleting it
     * @param serviceProperties more system properties for every service (to try a setting without a rebuild)
     * @param command       the command line, for the report
     * @param classArchives start the services from their class-data archives (recorded first where missing)
     */
    public record Options(Path home, int n, int rate, int seconds, int notifySeconds, Path out, int mailboxes,
                          int warmup, int settleSeconds, int customers, long seed, List<String> jvmFlags,
                          boolean keepData, Map<String, String> serviceProperties, String command,
                          boolean classArchives) {

        static Options defaults(Path home) {
            return new Options(home, 100_000, 20, 60, 60, null, 20, 600, 15, 0, 42L,
                    LocalStack.DEFAULT_JVM_FLAGS, false, Map.of(), "./getmark bench", true);
        }

        /** What every service gets beyond the stack's own settings. */
        Map<String, String> extraProperties() {
            Map<String, String> all = new LinkedHashMap<>(DurabilityCheck.LOG_PRODUCER_CONFIG);
            all.putAll(serviceProperties);
            return all;
        }

        BenchReport.Settings settings() {
            int c = customers > 0 ? customers : Math.max(50, n / 4);
            BenchReport.Settings s = new BenchReport.Settings(n, rate, seconds, notifySeconds, mailboxes, warmup,
                    settleSeconds, c, seed);
            return new BenchReport.Settings(n, rate, seconds, notifySeconds, LatencyBench.mailboxes(s), warmup,
                    settleSeconds, c, seed);
        }

        Path outOrDefault() {
            return out != null ? out : home.resolve(".getmark/bench/bench-"
                    + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
                    + ".json");
        }

        /** The per-request CSV next to the JSON: {@code x.json} → {@code x.requests.csv}. */
        static Path csvNextTo(Path json) {
            String name = json.getFileName().toString();
            String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
            return json.resolveSibling(base + ".requests.csv");
        }
    }

    static final String USAGE = """
            usage: ./getmark bench [--n 100000] [--rate 20] [--seconds 60] [--notify-seconds 60] [--out FILE.json]
                                   [--mailboxes 20] [--warmup 600] [--settle-seconds 15] [--customers N/4]
                                   [--seed 42] [--jvm-flags "-Xmx256m ..."] [--service-property key=value]...
                                   [--keep-data] [--no-class-archives]
              --n               intake messages put on getmark.intake.v1 before ticket-service starts
              --rate, --seconds requests per second (email and phone alternately) and for how long
              --notify-seconds  window of the notification throughput
              --warmup          requests sent at --rate before the measured window and awaited (not counted):
                                the services were just started, and their JIT warms up on these
              --out             the JSON file (default .getmark/bench/bench-<UTC time>.json)
              --jvm-flags       the services' JVM flags instead of the local stack's defaults
              --service-property a system property for every service, or [module:]key=value for one
                                (repeatable), to try a setting without a rebuild
              --keep-data       keep the temporary data folder (services' logs) and print where it is
              --no-class-archives start the services without their class-data archives (plain JVM starts);
                                by default they use them, and a missing or stale one is recorded first by a
                                training start and stop of that service (not measured)
            The JSON and a CSV with one line per request of the latency phase (FILE.requests.csv) are written.
            """;

    /** The stack a phase is running, for the shutdown hook (Ctrl-C must leave nothing running). */
    private static final AtomicReference<LocalStack> ACTIVE = new AtomicReference<>();

    private Benchmark() {
    }

    static LocalStack track(LocalStack stack) {
        ACTIVE.set(stack);
        return stack;
    }

    static void untrack(LocalStack stack) {
        ACTIVE.compareAndSet(stack, null);
    }

    /**
     * Runs a phase on its own infrastructure: started (and tracked for the shutdown hook) before {@code phase},
     * stopped after it; when the phase fails, the services' log tails are printed first.
     */
    static <T> T inStack(LocalStack.Config config, PrintStream out, Function<LocalStack, T> phase) {
        LocalStack stack = LocalStack.startInfrastructure(config, out, Benchmark::track);
        try {
            return phase.apply(stack);
        } catch (RuntimeException | Error e) {
            printLogTails(stack, out);
            throw e;
        } finally {
            stack.close();
            untrack(stack);
        }
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        try {
            BenchReport report = run(options, System.out);
            System.exit(report.integrity().ok() ? 0 : 3);
        } catch (RuntimeException e) {
            System.err.println("The benchmark failed: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    static Options parse(String[] args) {
        Path home = Path.of(System.getProperty("getmark.home", ".")).toAbsolutePath().normalize();
        Options o = Options.defaults(home);
        int n = o.n();
        int rate = o.rate();
        int seconds = o.seconds();
        int notify = o.notifySeconds();
        Path out = null;
        int mailboxes = o.mailboxes();
        int warmup = o.warmup();
        int settle = o.settleSeconds();
        int customers = 0;
        long seed = o.seed();
        List<String> flags = o.jvmFlags();
        boolean keep = false;
        boolean archives = true;
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--n" -> n = positive(arg, value(args, ++i, arg));
                case "--rate" -> rate = positive(arg, value(args, ++i, arg));
                case "--seconds" -> seconds = positive(arg, value(args, ++i, arg));
                case "--notify-seconds" -> notify = positive(arg, value(args, ++i, arg));
                case "--out" -> out = Path.of(value(args, ++i, arg)).toAbsolutePath();
                case "--mailboxes" -> mailboxes = positive(arg, value(args, ++i, arg));
                case "--warmup" -> warmup = nonNegative(arg, value(args, ++i, arg));
                case "--settle-seconds" -> settle = nonNegative(arg, value(args, ++i, arg));
                case "--customers" -> customers = positive(arg, value(args, ++i, arg));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
                case "--jvm-flags" -> flags = Arrays.stream(value(args, ++i, arg).trim().split("\\s+"))
                        .filter(f -> !f.isEmpty()).toList();
                case "--keep-data" -> keep = true;
                case "--no-class-archives" -> archives = false;
                case "--service-property" -> {
                    String property = value(args, ++i, arg);
                    int eq = property.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException(arg + " takes key=value, not " + property);
                    }
                    properties.put(property.substring(0, eq), property.substring(eq + 1));
                }
                case "--home" -> home = Path.of(value(args, ++i, arg)).toAbsolutePath().normalize();
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        String command = "./getmark bench" + (args.length == 0 ? "" : " " + String.join(" ", quoted(args)));
        return new Options(home, n, rate, seconds, notify, out, mailboxes, warmup, settle, customers, seed, flags,
                keep, properties, command, archives);
    }

    private static List<String> quoted(String[] args) {
        return Arrays.stream(args).map(a -> a.contains(" ") ? "\"" + a + "\"" : a).toList();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String option, String value) {
        int v = nonNegative(option, value);
        if (v == 0) {
            throw new IllegalArgumentException(option + " must be positive");
        }
        return v;
    }

    private static int nonNegative(String option, String value) {
        try {
            int v = Integer.parseInt(value.replace("_", ""));
            if (v < 0) {
                throw new IllegalArgumentException(option + " must not be negative");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number, not " + value);
        }
    }

    /** Runs the whole benchmark, writes the JSON, prints the table and returns the report. */
    public static BenchReport run(Options options, PrintStream out) {
        BenchReport.Settings settings = options.settings();
        Instant startedAt = Instant.now();
        double loadAtStart = Machine.loadAverage();
        Machine machine = Machine.current();
        Path json = options.outOrDefault();
        out.printf("GetMark benchmark: N = %,d, %d requests/s for %d s, notification window %d s%n", settings.n(),
                settings.rate(), settings.seconds(), settings.notifySeconds());
        out.printf("Machine: %d cores, %,d MiB, %s, %s, Java %s; load average %.2f%n", machine.cores(),
                machine.memoryMib(), machine.cpu(), machine.os(), machine.java(), loadAtStart);
        Path data = createTempDir();
        out.println("Temporary data folder: " + data);
        // Ctrl-C or a kill: stop the services and the infrastructure of the running phase, delete the folder
        Thread cleanup = new Thread(() -> {
            LocalStack stack = ACTIVE.getAndSet(null);
            if (stack != null) {
                out.println("Interrupted: stopping the benchmark's stack...");
                stack.close();
            }
            if (!options.keepData()) {
                deleteRecursively(data);
            }
        }, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        RegistrationBench.Result registration;
        LatencyBench.Result latency;
        BenchReport.ClassArchives archives;
        try {
            archives = ArchiveTraining.run(stackConfig(options, data.resolve("training")), out);
            LocalStack.Config base = stackConfig(options, data.resolve("registration"));
            registration = RegistrationBench.run(base.only(List.of("ticket-service", "notifier")), settings, out);
            latency = LatencyBench.run(stackConfig(options, data.resolve("latency")), settings, out);
        } finally {
            if (options.keepData()) {
                out.println("Kept the data folder (services' logs): " + data);
            } else {
                deleteRecursively(data);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook does the rest
            }
        }
        Instant finishedAt = Instant.now();

        List<BenchReport.Producer> producers = new ArrayList<>(registration.producers());
        producers.addAll(latency.producers());
        boolean acksAll = !producers.isEmpty() && producers.stream().allMatch(DurabilityCheck::acksAll);
        boolean pathAcksAll = !producers.isEmpty() && producers.stream()
                .filter(p -> !DurabilityCheck.deadLetter(p)).allMatch(DurabilityCheck::acksAll);
        List<String> notAcksAll = producers.stream().filter(p -> !DurabilityCheck.acksAll(p))
                .map(p -> p.service() + " " + p.clientId() + " acks=" + p.acks()).distinct().toList();
        BenchReport.Durability durability = new BenchReport.Durability(registration.postgres(), registration.broker(),
                "all", producers, acksAll, pathAcksAll, notAcksAll);
        BenchReport.Integrity integrity = integrity(settings, registration, latency, durability);
        Path csv = Options.csvNextTo(json);
        BenchReport report = new BenchReport(BenchReport.SCHEMA, options.command(), startedAt, finishedAt,
                Stats.round(Duration.between(startedAt, finishedAt).toMillis() / 1000.0, 1), settings, machine,
                new BenchReport.LoadAverage(loadAtStart, latency.loadBeforeLatency(), Machine.loadAverage()),
                durability, options.jvmFlags(), options.serviceProperties(), archives, registration.registration(),
                registration.notification(), latency.latency(), latency.footprint(), targets(registration, latency),
                integrity, csv.toString());
        write(report, json);
        Outcomes.writeCsv(latency.outcomes(), csv);
        ReportTable.print(report, out);
        out.println("JSON: " + json);
        out.println("CSV (one line per request): " + csv);
        return report;
    }

    /** A stack of the benchmark: free ports, fakes only, the run's JVM flags, properties and archive setting. */
    private static LocalStack.Config stackConfig(Options options, Path dataDir) {
        return LocalStack.Config.freePorts(options.home(), dataDir)
                .withFakesOnly()
                .withJvmFlags(options.jvmFlags())
                .withExtraProperties(options.extraProperties())
                .withClassArchives(options.classArchives());
    }

    private static BenchReport.Integrity integrity(BenchReport.Settings settings, RegistrationBench.Result r,
                                                   LatencyBench.Result l, BenchReport.Durability durability) {
        List<String> problems = new ArrayList<>();
        BenchReport.TicketServiceRun t = r.registration().ticketService();
        boolean once = t.registered() == settings.n() && t.distinctTickets() == settings.n() && t.missing() == 0
                && t.doubled() == 0 && t.foreign() == 0 && t.deadLettered() == 0;
        if (!once) {
            problems.add(String.format("registration: %d registered, %d distinct tickets, %d missing, %d doubled, "
                    + "%d foreign, %d dead-lettered of %d", t.registered(), t.distinctTickets(), t.missing(),
                    t.doubled(), t.foreign(), t.deadLettered(), settings.n()));
        }
        BenchReport.BaselineRun b = r.registration().baseline();
        boolean baseline = b.rows() == settings.n() && b.distinct() == settings.n();
        if (!baseline) {
            problems.add(String.format("baseline: %d rows, %d distinct of %d", b.rows(), b.distinct(), settings.n()));
        }
        BenchReport.ChannelLatency all = l.latency().all();
        boolean notLost = all.lost() == 0 && all.doubled() == 0;
        if (!notLost) {
            problems.add(String.format("latency: %d lost (no notice even %d s after the deadline), %d doubled "
                    + "(and %d late)", all.lost(), l.latency().lateWatchSeconds(), all.doubled(), all.late()));
        }
        boolean accepted = all.failed() == 0;
        if (!accepted) {
            problems.add(String.format("latency: %d requests failed on sending", all.failed()));
        }
        boolean durable = DurabilityCheck.postgresDurable(durability.postgres()) && durability.dataPathAcksAll();
        if (!DurabilityCheck.postgresDurable(durability.postgres())) {
            problems.add("durability: PostgreSQL " + durability.postgres());
        }
        if (durability.serviceProducers().isEmpty()) {
            problems.add("durability: no service producer found in the services' logs");
        }
        durability.serviceProducers().stream().filter(p -> !DurabilityCheck.deadLetter(p))
                .filter(p -> !DurabilityCheck.acksAll(p)).distinct().forEach(p -> problems.add("durability: "
                        + p.service() + " producer " + p.clientId() + " has acks=" + p.acks()));
        return new BenchReport.Integrity(once, baseline, notLost, accepted, durable,
                once && baseline && notLost && accepted && durable, problems);
    }

    /** The targets of issue 8. 1.2 GB = 1.2 × 10⁹ bytes = 1 144 MiB. */
    private static List<BenchReport.Target> targets(RegistrationBench.Result r, LatencyBench.Result l) {
        List<BenchReport.Target> targets = new ArrayList<>();
        double ratio = r.registration().ratio();
        targets.add(new BenchReport.Target("registration throughput ≥ 0.5 × baseline",
                String.format("%.2f ×", ratio), "≥ 0.5", ratio >= 0.5));
        for (String channel : List.of("email", "phone")) {
            BenchReport.ChannelLatency c = channel.equals("email") ? l.latency().email() : l.latency().phone();
            targets.add(new BenchReport.Target("end-to-end p99 " + channel, c.p99Ms() + " ms", "≤ 2000 ms",
                    c.noticed() > 0 && c.p99Ms() <= 2000));
        }
        BenchReport.ChannelLatency all = l.latency().all();
        targets.add(new BenchReport.Target("no request lost or doubled",
                all.lost() + " lost, " + all.doubled() + " doubled (" + all.late() + " late)", "0 lost, 0 doubled",
                all.lost() == 0 && all.doubled() == 0));
        BenchReport.ServiceFootprint slowest = l.footprint().services().stream()
                .max(Comparator.comparingLong(BenchReport.ServiceFootprint::startToReadyMs)).orElseThrow();
        targets.add(new BenchReport.Target("each service ready ≤ 3 s: first start, empty DB",
                "slowest " + slowest.service() + " " + slowest.startToReadyMs() + " ms", "≤ 3000 ms",
                slowest.startToReadyMs() <= 3000));
        BenchReport.ServiceFootprint slowestRestart = l.footprint().services().stream()
                .max(Comparator.comparingLong(BenchReport.ServiceFootprint::restartToReadyMs)).orElseThrow();
        targets.add(new BenchReport.Target("each service ready ≤ 3 s: restart (migrated DB)",
                "slowest " + slowestRestart.service() + " " + slowestRestart.restartToReadyMs() + " ms", "≤ 3000 ms",
                slowestRestart.restartToReadyMs() <= 3000));
        double limitMib = 1.2e9 / (1024 * 1024);
        targets.add(new BenchReport.Target("the six together resident when idle",
                String.format("%.0f MiB", l.footprint().idleTotalMib()), String.format("≤ 1.2 GB (%.0f MiB)", limitMib),
                l.footprint().idleTotalMib() <= limitMib));
        return targets;
    }

    private static void write(BenchReport report, Path json) {
        try {
            Files.createDirectories(json.toAbsolutePath().getParent());
            Files.writeString(json, Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(report) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + json, e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("getmark-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder", e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: the rest still goes
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }

    /** On a failure: the last lines of every service's log, since the folder holding them is deleted. */
    static void printLogTails(LocalStack stack, PrintStream out) {
        for (ServiceSpec service : stack.config().services()) {
            Path log = stack.log(service.module());
            if (!Files.isRegularFile(log)) {
                continue;
            }
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                out.println("---- last lines of " + service.module() + ".log ----");
                lines.subList(Math.max(0, lines.size() - 25), lines.size()).forEach(out::println);
            } catch (IOException | RuntimeException e) {
                out.println("---- " + log + " unreadable: " + e);
            }
        }
    }
}
