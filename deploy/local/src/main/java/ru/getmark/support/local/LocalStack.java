package ru.getmark.support.local;

import ru.getmark.support.infra.KafkaBroker;
import ru.getmark.support.infra.MailServer;
import ru.getmark.support.infra.Postgres;
import ru.getmark.support.infra.TopicSetup;
import ru.getmark.support.infra.telegram.FakeTelegramApi;
import ru.getmark.support.infra.twilio.FakeTwilioApi;
import ru.getmark.support.infra.twilio.QuickReply;
import ru.getmark.support.local.bench.Benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The whole system on one machine, without Docker: a real Kafka broker (KRaft), PostgreSQL and the mail server run in
 * this JVM (through {@code deploy/infra}, the same code the services' tests use), and the six services run as
 * separate processes from their packaged apps ({@code <module>/target/quarkus-app/quarkus-run.jar}), exactly as
 * they run in production, with the local configuration passed as system properties.
 * <p>
 * {@code ./getmark up} calls {@link #main}; the system test calls {@link #start(Config)} with free ports and a
 * temporary data folder. {@link #close()} stops the services (SIGTERM, then a kill after a grace period) and then
 * the infrastructure, so nothing is left running.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /**
     * A service recording its class-data archive writes it (50–90 MB, a few CPU seconds) while it exits: more time to
     * stop; on a loaded machine that takes over a minute.
     */
    private static final Duration RECORD_STOP_GRACE = Duration.ofSeconds(180);
    private static final AtomicLong RECORDINGS = new AtomicLong();
    /** Support's duty chat in the local stack: a group chat id of the fake Telegram Bot API (#Пожар posts). */
    static final String DUTY_CHAT_ID = "-1001000000001";
    /** Content templates the local fake Twilio API knows, as approved WhatsApp templates of a real sender would be. */
    static final String NOTICE_TEMPLATE = "HX00000000000000000000000000000001";
    static final String QUICK_REPLY_2 = "HX00000000000000000000000000000002";
    static final String QUICK_REPLY_3 = "HX00000000000000000000000000000003";
    /** The support mailbox customers write to (and the notifier's From). */
    public static final String SUPPORT_ADDRESS = "help@getmark.ru";

    /** The JVM flags every service runs with unless the config says otherwise (small heaps, quick start). */
    public static final List<String> DEFAULT_JVM_FLAGS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:ReservedCodeCacheSize=64m");

    /**
     * Where and on which ports the stack runs.
     *
     * @param home     the project checkout (services' packaged apps are found under it)
     * @param dataDir  all state: Kafka log, PostgreSQL cluster, services' logs
     * @param kafkaPort          Kafka listener
     * @param kafkaControllerPort KRaft controller listener
     * @param postgresPort       PostgreSQL
     * @param smtpPort           mail server SMTP
     * @param imapPort           mail server IMAP
     * @param telegramApiPort    the fake Telegram Bot API and its simulator page
     * @param twilioApiPort      the fake Twilio API and its WhatsApp simulator page
     * @param services           the services with their HTTP ports (a subset runs only those)
     * @param jvmFlags           the JVM flags of every service process
     * @param extraProperties    more system properties for every service (after the stack's own, so they win); a key
     *                           {@code <module>:<property>} is for that service only
     * @param fakesOnly          ignore GETMARK_TELEGRAM_BOT_TOKEN / GETMARK_WHATSAPP_TWILIO_ACCOUNT_SID and every other
     *                           GETMARK_* variable of this environment: the services talk to the fakes only (the
     *                           benchmark, which must never reach a real Telegram or Twilio)
     * @param classArchives      start the services with their class-data archives ({@link ClassArchive}), recording
     *                           one on a start that has none usable
     */
    public record Config(Path home, Path dataDir, int kafkaPort, int kafkaControllerPort, int postgresPort,
                         int smtpPort, int imapPort, int telegramApiPort, int twilioApiPort,
                         List<ServiceSpec> services, List<String> jvmFlags, Map<String, String> extraProperties,
                         boolean fakesOnly, boolean classArchives) {

        public Config {
            services = List.copyOf(services);
            jvmFlags = List.copyOf(jvmFlags);
            extraProperties = Collections.unmodifiableMap(new LinkedHashMap<>(extraProperties));
        }

        /** The default ports of ARCHITECTURE.md. */
        public static Config defaults(Path home, Path dataDir) {
            return new Config(home, dataDir, 19092, 19093, 15432, 3025, 3143, 18081, 18082, ServiceSpec.defaults(),
                    DEFAULT_JVM_FLAGS, Map.of(), false, true);
        }

        /** Free ports everywhere, for tests that run beside anything else. */
        public static Config freePorts(Path home, Path dataDir) {
            List<ServiceSpec> services = new ArrayList<>();
            for (ServiceSpec s : ServiceSpec.defaults()) {
                services.add(s.withPort(freePort()));
            }
            return new Config(home, dataDir, freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
                    freePort(), services, DEFAULT_JVM_FLAGS, Map.of(), false, true);
        }

        /** The same stack with only these services (in the order of {@link ServiceSpec#defaults()}). */
        public Config only(Collection<String> modules) {
            List<ServiceSpec> kept = services.stream().filter(s -> modules.contains(s.module())).toList();
            if (kept.size() != Set.copyOf(modules).size()) {
                throw new IllegalArgumentException("unknown service among " + modules);
            }
            return new Config(home, dataDir, kafkaPort, kafkaControllerPort, postgresPort, smtpPort, imapPort,
                    telegramApiPort, twilioApiPort, kept, jvmFlags, extraProperties, fakesOnly, classArchives);
        }

        public Config withJvmFlags(List<String> flags) {
            return new Config(home, dataDir, kafkaPort, kafkaControllerPort, postgresPort, smtpPort, imapPort,
                    telegramApiPort, twilioApiPort, services, flags, extraProperties, fakesOnly, classArchives);
        }

        public Config withExtraProperties(Map<String, String> properties) {
            return new Config(home, dataDir, kafkaPort, kafkaControllerPort, postgresPort, smtpPort, imapPort,
                    telegramApiPort, twilioApiPort, services, jvmFlags, properties, fakesOnly, classArchives);
        }

        public Config withFakesOnly() {
            return new Config(home, dataDir, kafkaPort, kafkaControllerPort, postgresPort, smtpPort, imapPort,
                    telegramApiPort, twilioApiPort, services, jvmFlags, extraProperties, true, classArchives);
        }

        public Config withClassArchives(boolean enabled) {
            return new Config(home, dataDir, kafkaPort, kafkaControllerPort, postgresPort, smtpPort, imapPort,
                    telegramApiPort, twilioApiPort, services, jvmFlags, extraProperties, fakesOnly, enabled);
        }

        /** The same stack in another data folder (fresh databases, Kafka log, logs). */
        public Config withDataDir(Path dir) {
            return new Config(home, dir, kafkaPort, kafkaControllerPort, postgresPort, smtpPort, imapPort,
                    telegramApiPort, twilioApiPort, services, jvmFlags, extraProperties, fakesOnly, classArchives);
        }

        /** A service's class-data archive (whether or not it exists). */
        public ClassArchive classArchive(String module) {
            return ClassArchive.of(home, module);
        }

        /** What a start of the service would do about its class-data archive now. */
        public ClassArchive.Decision classArchiveDecision(String module) {
            if (!classArchives) {
                return new ClassArchive.Decision(ClassArchive.Mode.OFF, "switched off");
            }
            return classArchive(module).decide(javaCommand(), jvmFlags, home.resolve(module).resolve("target/quarkus-app"));
        }

        public int portOf(String module) {
            return spec(module).port();
        }

        public ServiceSpec spec(String module) {
            return services.stream().filter(s -> s.module().equals(module)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no service " + module));
        }

        boolean runs(String module) {
            return services.stream().anyMatch(s -> s.module().equals(module));
        }
    }

    /**
     * One service started on its own by {@link #startService(String)}.
     *
     * @param module     the service
     * @param pid        its process id (for {@code /proc/<pid>/status})
     * @param launchedAt just before the process was created
     * @param toReady    from {@code launchedAt} until {@code /q/health/ready} first answered 200 (polled every
     *                   {@value #FAST_READY_POLL_MS} ms)
     * @param cpuMs      CPU time (user + system) the process had used when it was seen ready; -1 when unknown
     * @param classArchive what the start did about its class-data archive
     */
    public record ServiceStart(String module, long pid, Instant launchedAt, Duration toReady, long cpuMs,
                               ArchiveUse classArchive) {
    }

    /** What a service's start did about its class-data archive ({@link ClassArchive}). */
    public enum ArchiveUse {
        /** started from the archive (the JVM mapped it) */
        USED,
        /** none was usable: this run records one, written when the service stops */
        RECORDING,
        /** there was one, but the JVM did not map it (see the service's log); deleted, the next start records */
        REJECTED,
        /** there was one, whether the JVM mapped it is unknown (no /proc) */
        UNKNOWN,
        /** archives switched off */
        OFF;

        /** For tables: lower case, "recording" etc. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Config config;
    private final PrintStream out;
    private final List<RunningService> running = new ArrayList<>();
    private KafkaBroker kafka;
    private Postgres postgres;
    private MailServer mail;
    private FakeTelegramApi telegram;
    private FakeTwilioApi twilio;

    /** A service process and what its start did about the class-data archive. */
    private static final class RunningService {
        final ServiceSpec spec;
        final Process process;
        final Path log;
        final Instant launchedAt;
        final ClassArchive.Decision decision;
        /** where this run records the archive (RECORD), else null */
        final Path recording;
        volatile ArchiveUse archiveUse;
        /** answered ready at least once: only such a run's recording is a real service's archive */
        volatile boolean wasReady;

        RunningService(ServiceSpec spec, Process process, Path log, Instant launchedAt, ClassArchive.Decision decision,
                       Path recording) {
            this.spec = spec;
            this.process = process;
            this.log = log;
            this.launchedAt = launchedAt;
            this.decision = decision;
            this.recording = recording;
            this.archiveUse = switch (decision.mode()) {
                case USE -> ArchiveUse.UNKNOWN;
                case RECORD -> ArchiveUse.RECORDING;
                case OFF -> ArchiveUse.OFF;
            };
        }

        ServiceSpec spec() {
            return spec;
        }

        Process process() {
            return process;
        }

        Path log() {
            return log;
        }

        Instant launchedAt() {
            return launchedAt;
        }
    }

    /** How often a service started on its own is asked whether it is ready: the resolution of its start time. */
    static final long FAST_READY_POLL_MS = 25;
    private static final long READY_POLL_MS = 200;

    private LocalStack(Config config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** Starts everything and returns when every service reports ready; on failure stops what it started. */
    public static LocalStack start(Config config, PrintStream out) {
        return start(config, out, stack -> { });
    }

    public static LocalStack start(Config config) {
        return start(config, System.out);
    }

    /**
     * Like {@link #start(Config, PrintStream)}, handing the stack to {@code beforeStart} first: a shutdown hook that
     * closes it then also stops what a start in progress has launched (the close waits for the step under way).
     */
    public static LocalStack start(Config config, PrintStream out, Consumer<LocalStack> beforeStart) {
        return started(config, out, beforeStart, LocalStack::startAll);
    }

    /**
     * Makes a stack, hands it to {@code beforeStart}, then runs {@code start} under the stack's lock (which
     * {@link #close()} waits for); on failure stops what was started.
     */
    private static LocalStack started(Config config, PrintStream out, Consumer<LocalStack> beforeStart,
                                      Consumer<LocalStack> start) {
        LocalStack stack = new LocalStack(config, out);
        beforeStart.accept(stack);
        try {
            synchronized (stack) {
                start.accept(stack);
            }
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    /**
     * Starts the infrastructure only (Kafka with its topics, PostgreSQL with the services' databases, the mail server
     * and, when their services are in the config, the fake Telegram and Twilio APIs); services are then started one
     * at a time with {@link #startService(String)}. On failure stops what it started.
     */
    public static LocalStack startInfrastructure(Config config, PrintStream out) {
        return startInfrastructure(config, out, stack -> { });
    }

    /** Like {@link #startInfrastructure(Config, PrintStream)}, handing the stack to {@code beforeStart} first. */
    public static LocalStack startInfrastructure(Config config, PrintStream out, Consumer<LocalStack> beforeStart) {
        return started(config, out, beforeStart, LocalStack::startInfra);
    }

    /**
     * Starts one service of the config and waits until it is ready, so that its start is not slowed by other JVMs
     * starting beside it.
     *
     * @return the process id and the time from process creation to ready
     */
    public synchronized ServiceStart startService(String module) {
        checkNotClosing();
        if (running.stream().anyMatch(r -> r.spec().module().equals(module))) {
            throw new IllegalStateException(module + " is running already");
        }
        requirePortFree(config.spec(module));
        RunningService service = launch(config.spec(module), false);
        running.add(service);
        service = awaitReady(service, FAST_READY_POLL_MS);
        Duration toReady = Duration.between(service.launchedAt(), Instant.now());
        long cpuMs = cpuMillis(service.process().pid());
        return new ServiceStart(module, service.process().pid(), service.launchedAt(), toReady, cpuMs,
                service.archiveUse);
    }

    /**
     * Free ports are picked when the config is made; a service started minutes later may find its port taken by
     * another process on this shared machine, and {@code /q/health/ready} would then be answered by that process:
     * a wrong start time and a service that never runs. Refuse instead.
     */
    private static void requirePortFree(ServiceSpec spec) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress("127.0.0.1", spec.port()));
        } catch (IOException e) {
            throw new IllegalStateException("port " + spec.port() + " of " + spec.module()
                    + " is in use by another process", e);
        }
    }

    /** What each running service's start did about its class-data archive. */
    public synchronized Map<String, ArchiveUse> classArchiveUse() {
        Map<String, ArchiveUse> use = new LinkedHashMap<>();
        running.forEach(r -> use.put(r.spec().module(), r.archiveUse));
        return use;
    }

    /** Stops one service (SIGTERM, then a kill after the grace period). */
    public synchronized void stopService(String module) {
        List<RunningService> matching = running.stream().filter(r -> r.spec().module().equals(module)).toList();
        stop(matching);
        running.removeAll(matching);
    }

    /** The process id of a running service. */
    public synchronized OptionalLong pid(String module) {
        return running.stream().filter(r -> r.spec().module().equals(module) && r.process().isAlive())
                .mapToLong(r -> r.process().pid()).findFirst();
    }

    /** The log file of a service. */
    public Path log(String module) {
        return config.dataDir().resolve("logs").resolve(module + ".log");
    }

    /** The PostgreSQL server (for databases of one's own beside the services', e.g. the benchmark's baseline). */
    public Postgres postgres() {
        return postgres;
    }

    /** The mail server, in this JVM. */
    public MailServer mail() {
        return mail;
    }

    public Config config() {
        return config;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The base URL of a service, e.g. {@code http://localhost:8084}. */
    public String url(String module) {
        return "http://localhost:" + config.portOf(module);
    }

    /** Process handles of the running services (the system test checks none survives {@link #close()}). */
    public List<ProcessHandle> serviceProcesses() {
        return running.stream().map(r -> r.process().toHandle()).toList();
    }

    private void startAll() {
        Instant begin = Instant.now();
        startInfra();
        for (ServiceSpec spec : config.services()) {
            requirePortFree(spec);
        }
        for (ServiceSpec spec : config.services()) {
            checkNotClosing();
            running.add(launch(spec, false));
        }
        for (RunningService service : List.copyOf(running)) {
            awaitReady(service, READY_POLL_MS);
        }
        printWhereEverythingIs(begin);
    }

    private void startInfra() {
        checkPackaged();
        try {
            Files.createDirectories(config.dataDir().resolve("logs"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + config.dataDir(), e);
        }
        out.println("GetMark local stack: data in " + config.dataDir().toAbsolutePath());

        checkNotClosing();
        kafka = KafkaBroker.start(config.dataDir().resolve("kafka"), config.kafkaPort(), config.kafkaControllerPort());
        TopicSetup.createAll(kafka.bootstrapServers());
        out.println("  Kafka (KRaft)    " + kafka.bootstrapServers());

        checkNotClosing();
        postgres = Postgres.start(config.dataDir().resolve("postgres"), config.postgresPort());
        config.services().stream().map(ServiceSpec::database).filter(d -> d != null)
                .forEach(postgres::ensureDatabase);
        out.println("  PostgreSQL       localhost:" + postgres.port() + " (user " + postgres.username() + ")");

        checkNotClosing();
        mail = MailServer.start("127.0.0.1", config.smtpPort(), config.imapPort());
        out.println("  Mail (SMTP/IMAP) localhost:" + mail.smtpPort() + " / localhost:" + mail.imapPort()
                + " - every address has a mailbox; log in over IMAP with the address as user and password");

        if (config.runs("intake-telegram")) {
            telegram = FakeTelegramApi.start("127.0.0.1", config.telegramApiPort(), FakeTelegramApi.DEFAULT_TOKEN);
            out.println("  Telegram Bot API " + telegram.baseUrl() + " - fake; chat with the bot as any user at "
                    + telegram.baseUrl() + "/");
        }

        if (config.runs("intake-whatsapp")) {
            if (realTwilio()) {
                out.println("  Twilio           the real one (GETMARK_WHATSAPP_TWILIO_ACCOUNT_SID is set)");
            } else {
                twilio = FakeTwilioApi.start("127.0.0.1", config.twilioApiPort(), FakeTwilioApi.DEFAULT_ACCOUNT_SID,
                        FakeTwilioApi.DEFAULT_AUTH_TOKEN);
                twilio.inboundWebhook(url("intake-whatsapp") + "/twilio/whatsapp");
                registerTemplates(twilio);
                out.println("  Twilio API       " + twilio.baseUrl() + " - fake; chat on WhatsApp as any number at "
                        + twilio.baseUrl() + "/");
            }
        }
    }

    private void printWhereEverythingIs(Instant begin) {
        out.println("  Services:");
        for (RunningService service : running) {
            out.printf("    %-16s http://localhost:%d   (log: %s)%n", service.spec().module(), service.spec().port(),
                    service.log());
        }
        long recording = running.stream().filter(r -> r.archiveUse == ArchiveUse.RECORDING).count();
        if (recording > 0) {
            out.printf("  Class-data archives: %d service(s) record theirs in this run (<module>/target/getmark-cds);"
                    + " they are written when the stack stops, and later starts are faster%n", recording);
        } else if (running.stream().anyMatch(r -> r.archiveUse == ArchiveUse.USED)) {
            out.println("  Class-data archives: used (<module>/target/getmark-cds; mvn clean removes them)");
        }
        out.println("  Staff accounts seeded for the local stack only:");
        for (StaffAccount account : StaffAccount.seeded()) {
            out.printf("    %s / %s (%s)%n", account.login(), account.password(), account.role());
        }
        if (!config.runs("intake-phone")) {
            out.printf("Ready in %d s.%n", Duration.between(begin, Instant.now()).toSeconds());
            return;
        }
        out.printf("Ready in %d s. Try:%n  curl -u operator:operator -H 'Content-Type: application/json' "
                        + "-d '{\"inn\":\"7707083893\",\"customerName\":\"ООО Ромашка\",\"email\":\"buh@romashka.ru\","
                        + "\"phone\":\"+79259509118\",\"description\":\"Не печатается этикетка\"}' %s/api/calls%n",
                Duration.between(begin, Instant.now()).toSeconds(), url("intake-phone"));
    }

    private boolean realTwilio() {
        String sid = config.fakesOnly() ? null : System.getenv("GETMARK_WHATSAPP_TWILIO_ACCOUNT_SID");
        return sid != null && !sid.isBlank();
    }

    /**
     * The templates intake-whatsapp is configured with, in the shape it fills them (intake-whatsapp/README.md): the
     * notice template outside the 24-hour window ({{1}} the text, {{2}} the ticket), quick replies ({{1}} the text,
     * then title and id of each button).
     */
    private static void registerTemplates(FakeTwilioApi api) {
        api.contentTemplate(NOTICE_TEMPLATE, "Обращение № {{2}}. {{1}}", List.of());
        api.contentTemplateWithIds(QUICK_REPLY_2, "{{1}}",
                List.of(new QuickReply("{{2}}", "{{3}}"), new QuickReply("{{4}}", "{{5}}")));
        api.contentTemplateWithIds(QUICK_REPLY_3, "{{1}}", List.of(new QuickReply("{{2}}", "{{3}}"),
                new QuickReply("{{4}}", "{{5}}"), new QuickReply("{{6}}", "{{7}}")));
    }

    private void checkPackaged() {
        for (ServiceSpec spec : config.services()) {
            Path jar = runJar(spec);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build first (./getmark up builds it, or "
                        + "./mvnw -DskipTests package)");
            }
        }
    }

    private Path runJar(ServiceSpec spec) {
        return config.home().resolve(spec.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The java binary the services run with: this launcher's. */
    static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * Launches a service with the config's flags and its class-data archive (used when usable, else recorded by this
     * run; {@code withoutArchive}: recorded, whatever is there).
     */
    private RunningService launch(ServiceSpec spec, boolean withoutArchive) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("quarkus.http.port", String.valueOf(spec.port()));
        props.put("quarkus.http.host", "127.0.0.1");
        props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        if (spec.database() != null) {
            props.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(spec.database()));
            props.put("quarkus.datasource.username", postgres.username());
            props.put("quarkus.datasource.password", postgres.password());
        }
        if (spec.mail()) {
            props.put("getmark.mail.smtp.host", "127.0.0.1");
            props.put("getmark.mail.smtp.port", String.valueOf(mail.smtpPort()));
            props.put("getmark.mail.imap.host", "127.0.0.1");
            props.put("getmark.mail.imap.port", String.valueOf(mail.imapPort()));
        }
        if (spec.staff()) {
            for (StaffAccount account : StaffAccount.seeded()) {
                props.put("quarkus.security.users.embedded.users." + account.login(), account.passwordHash());
                props.put("quarkus.security.users.embedded.roles." + account.login(), account.role());
            }
        }
        if (spec.module().equals("ticket-service")) {
            // The base of the links customers get (confirmation of a solution, R12).
            props.put("getmark.public-url", url("ticket-service"));
        }
        if (spec.module().equals("intake-email")) {
            // The support mailbox help@getmark.ru on the local mail server (it accepts any password), and the base of
            // the attachment links staff follow.
            props.put("getmark.mail.imap.username", SUPPORT_ADDRESS);
            props.put("getmark.mail.imap.password", "local");
            props.put("getmark.public-url", url("intake-email"));
        }
        if (spec.module().equals("intake-telegram")) {
            // The bot polls the fake Bot API with the fake's token, unless GETMARK_TELEGRAM_BOT_TOKEN names a real bot
            // (then the environment, which the service inherits, points it at the real Telegram; README.md).
            String realToken = config.fakesOnly() ? null : System.getenv("GETMARK_TELEGRAM_BOT_TOKEN");
            if (realToken == null || realToken.isBlank()) {
                props.put("getmark.telegram.api-url", telegram.baseUrl());
                props.put("getmark.telegram.bot-token", FakeTelegramApi.DEFAULT_TOKEN);
            } else {
                props.put("getmark.telegram.api-url",
                        System.getenv().getOrDefault("GETMARK_TELEGRAM_API_URL", "https://api.telegram.org"));
            }
            props.put("getmark.telegram.mode", "long-polling");
            props.put("getmark.public-url", url("intake-telegram"));
        }
        if (spec.module().equals("intake-whatsapp")) {
            // The fake Twilio API with its credentials and templates, unless GETMARK_WHATSAPP_TWILIO_ACCOUNT_SID names
            // a real account: then the environment (inherited) carries the account, the token, the sender, the
            // templates and GETMARK_PUBLIC_URL, the public address Twilio reaches this machine at (README.md).
            if (!realTwilio()) {
                props.put("getmark.whatsapp.twilio.api-url", twilio.baseUrl());
                props.put("getmark.whatsapp.twilio.account-sid", twilio.accountSid());
                props.put("getmark.whatsapp.twilio.auth-token", twilio.authToken());
                props.put("getmark.whatsapp.templates.notice", NOTICE_TEMPLATE);
                props.put("getmark.whatsapp.templates.quick-reply-2", QUICK_REPLY_2);
                props.put("getmark.whatsapp.templates.quick-reply-3", QUICK_REPLY_3);
                props.put("getmark.public-url", url("intake-whatsapp"));
            }
        }
        if (spec.module().equals("notifier")) {
            // The ticket link of the #Пожар post, and the duty chat it goes to (a chat of the fake Telegram API).
            props.put("getmark.staff-url", url("ticket-service"));
            props.put("getmark.duty-chat.telegram-chat-id", DUTY_CHAT_ID);
        }

        config.extraProperties().forEach((key, value) -> {
            int colon = key.indexOf(':');
            if (colon < 0) {
                props.put(key, value);
            } else if (key.substring(0, colon).equals(spec.module())) {
                props.put(key.substring(colon + 1), value);
            }
        });

        ClassArchive archive = config.classArchive(spec.module());
        ClassArchive.Decision decision = config.classArchiveDecision(spec.module());
        if (withoutArchive && decision.mode() == ClassArchive.Mode.USE) {
            decision = new ClassArchive.Decision(ClassArchive.Mode.RECORD, "the last one did not start");
        }
        Path recording = null;
        if (decision.mode() == ClassArchive.Mode.RECORD) {
            try {
                recording = archive.newRecording(RECORDINGS.incrementAndGet());
            } catch (IOException e) {
                out.println("  " + spec.module() + ": cannot record a class-data archive (" + e.getMessage()
                        + "): starting without");
                decision = new ClassArchive.Decision(ClassArchive.Mode.OFF, "cannot record: " + e.getMessage());
            }
        }

        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(config.jvmFlags());
        command.addAll(ClassArchive.jvmFlags(decision, archive.path(), recording));
        // a JVM crash report (hs_err) beside the service's log, not in the module's folder (the working directory)
        command.add("-XX:ErrorFile=" + log(spec.module()).resolveSibling(spec.module() + "-hs_err_pid%p.log"));
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(runJar(spec).toString());

        Path log = log(spec.module());
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(config.home().resolve(spec.module()).toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (config.fakesOnly()) {
                builder.environment().keySet().removeIf(name -> name.startsWith("GETMARK_"));
            }
            Instant launchedAt = Instant.now();
            Process process = builder.start();
            return new RunningService(spec, process, log, launchedAt, decision, recording);
        } catch (IOException e) {
            if (recording != null) {
                ClassArchive.discard(recording);
            }
            throw new IllegalStateException("cannot start " + spec.module(), e);
        }
    }

    /**
     * Waits until the service answers ready. A service that started from its class-data archive and exited before
     * it was ready is started once more without it (the archive is deleted): an archive must never keep a service
     * from starting (a truncated one crashes the JVM). Returns the service that is ready (that second one, if).
     */
    private RunningService awaitReady(RunningService service, long pollMillis) {
        try {
            pollReady(service, pollMillis);
            service.wasReady = true;
        } catch (ExitedBeforeReady e) {
            if (service.decision.mode() != ClassArchive.Mode.USE) {
                throw e;
            }
            out.println("  " + service.spec().module() + " exited before it was ready (code "
                    + service.process().exitValue() + ") with its class-data archive: deleting the archive and "
                    + "starting it again without; see " + service.log());
            config.classArchive(service.spec().module()).delete();
            RunningService again = launch(service.spec(), true);
            running.set(running.indexOf(service), again);
            pollReady(again, pollMillis);
            again.wasReady = true;
            service = again;
        }
        if (service.decision.mode() == ClassArchive.Mode.USE) {
            ClassArchive archive = config.classArchive(service.spec().module());
            Optional<Boolean> mapped = archive.mappedBy(service.process().pid());
            if (mapped.isEmpty()) {
                service.archiveUse = ArchiveUse.UNKNOWN;
            } else if (mapped.get()) {
                service.archiveUse = ArchiveUse.USED;
            } else {
                service.archiveUse = ArchiveUse.REJECTED;
                out.println("  " + service.spec().module() + ": the JVM did not use the class-data archive " + archive.path()
                        + " (its log says why): deleted, the next start records a new one");
                archive.delete();
            }
        }
        return service;
    }

    /** The service's process ended before it answered ready. */
    private static final class ExitedBeforeReady extends IllegalStateException {
        ExitedBeforeReady(String message) {
            super(message);
        }
    }

    private void pollReady(RunningService service, long pollMillis) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create(url(service.spec().module()) + "/q/health/ready");
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            checkNotClosing();
            if (!service.process().isAlive()) {
                throw new ExitedBeforeReady(service.spec().module() + " exited with code "
                        + service.process().exitValue() + "; see " + service.log());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(ready)
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + service.spec().module(), e);
            }
            pause(Duration.ofMillis(pollMillis));
        }
        throw new IllegalStateException(service.spec().module() + " not ready after " + READY_TIMEOUT.toSeconds()
                + " s; see " + service.log());
    }

    /** Stops the services first (so they finish their work against live infrastructure), then the infrastructure. */
    @Override
    public void close() {
        closing = true; // a start under way (holding the lock) gives up at its next step, then this stops it all
        synchronized (this) {
            stopAll();
        }
    }

    /** Set by {@link #close()}; a start in progress stops at its next step. */
    private volatile boolean closing;

    private void checkNotClosing() {
        if (closing) {
            throw new IllegalStateException("the local stack is stopping");
        }
    }

    private void stopAll() {
        stop(running);
        running.clear();
        closeQuietly(twilio);
        twilio = null;
        closeQuietly(telegram);
        telegram = null;
        closeQuietly(mail);
        mail = null;
        closeQuietly(postgres);
        postgres = null;
        closeQuietly(kafka);
        kafka = null;
    }

    /**
     * SIGTERM to every service, then waits: a service recording its class-data archive writes it while it exits,
     * so it gets {@link #RECORD_STOP_GRACE}; the archive is kept only when the service exited by itself (a killed
     * one leaves a partial file, which is deleted).
     */
    private void stop(List<RunningService> services) {
        for (RunningService service : services) {
            service.process().descendants().forEach(ProcessHandle::destroy);
            service.process().destroy();
        }
        for (RunningService service : services) {
            boolean exited = false;
            try {
                Duration grace = service.recording != null ? RECORD_STOP_GRACE : STOP_GRACE;
                exited = service.process().waitFor(Math.min(grace.toMillis(), 5_000), TimeUnit.MILLISECONDS);
                if (!exited && service.recording != null) {
                    out.println("  " + service.spec().module() + " is writing its class-data archive as it stops...");
                }
                if (!exited) {
                    exited = service.process().waitFor(grace.toMillis() - Math.min(grace.toMillis(), 5_000),
                            TimeUnit.MILLISECONDS);
                }
                if (!exited) {
                    out.println("  " + service.spec().module() + " did not stop in time: killing it");
                    service.process().descendants().forEach(ProcessHandle::destroyForcibly);
                    service.process().destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                service.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
            if (service.recording != null) {
                keepRecording(service, exited);
            }
        }
    }

    private void keepRecording(RunningService service, boolean exited) {
        ClassArchive archive = config.classArchive(service.spec().module());
        if (!exited || !service.wasReady) {
            // killed while writing (a partial file), or a run that never came up (e.g. its app half rebuilt)
            ClassArchive.discard(service.recording);
            return;
        }
        try {
            if (archive.commit(service.recording, javaCommand(), config.jvmFlags(), service.launchedAt())) {
                out.printf("  %s: class-data archive recorded (%.0f MiB) for faster starts%n", service.spec().module(),
                        Files.size(archive.path()) / 1048576.0);
            } else {
                out.println("  " + service.spec().module() + ": no class-data archive was written (see its log)");
            }
        } catch (IOException e) {
            out.println("  " + service.spec().module() + ": cannot keep the class-data archive: " + e.getMessage());
            ClassArchive.discard(service.recording);
        }
    }

    /**
     * CPU time (user + system) process {@code pid} has used so far, from {@code /proc/<pid>/stat} (in clock ticks of
     * 10 ms, USER_HZ on Linux); -1 when it cannot be read.
     */
    public static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state(0) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime(11) stime(12)
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            out.println("  while stopping " + closeable.getClass().getSimpleName() + ": " + e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code up [--home DIR] [--data DIR]}: starts the stack in the foreground and stops it on Ctrl-C / SIGTERM.
     * The data folder defaults to {@code <home>/.getmark/data}; GETMARK_DATA overrides it.
     * {@code bench [options]}: runs the benchmark ({@link Benchmark}) on a stack of its own and exits.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("bench")) {
            Benchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Path home = Path.of(System.getProperty("getmark.home", ".")).toAbsolutePath().normalize();
        Path data = System.getenv("GETMARK_DATA") != null ? Path.of(System.getenv("GETMARK_DATA")) : null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "up" -> { }
                case "--home" -> home = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--data" -> data = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: LocalStack up [--home DIR] [--data DIR] | LocalStack bench [options]");
                    System.exit(2);
                }
            }
        }
        if (data == null) {
            data = home.resolve(".getmark/data");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            // the hook is in place before anything starts: Ctrl-C during the start stops what was launched so far
            start(Config.defaults(home, data.toAbsolutePath()), System.out, stack ->
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        System.out.println("Stopping the GetMark local stack...");
                        stack.close();
                        System.out.println("Stopped.");
                        stopped.countDown();
                    }, "getmark-shutdown")));
        } catch (RuntimeException e) {
            System.err.println("GetMark local stack failed to start: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }
}
