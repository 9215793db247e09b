package ru.getmark.support.local;

import ru.getmark.support.infra.KafkaBroker;
import ru.getmark.support.infra.MailServer;
import ru.getmark.support.infra.Postgres;
import ru.getmark.support.infra.TopicSetup;
import ru.getmark.support.infra.telegram.FakeTelegramApi;
import ru.getmark.support.infra.twilio.FakeTwilioApi;
import ru.getmark.support.infra.twilio.QuickReply;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
    /** Support's duty chat in the local stack: a group chat id of the fake Telegram Bot API (#Пожар posts). */
    static final String DUTY_CHAT_ID = "-1001000000001";
    /** Content templates the local fake Twilio API knows, as approved WhatsApp templates of a real sender would be. */
    static final String NOTICE_TEMPLATE = "HX00000000000000000000000000000001";
    static final String QUICK_REPLY_2 = "HX00000000000000000000000000000002";
    static final String QUICK_REPLY_3 = "HX00000000000000000000000000000003";
    /** The support mailbox customers write to (and the notifier's From). */
    static final String SUPPORT_ADDRESS = "help@getmark.ru";

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
     * @param services           the services with their HTTP ports
     */
    public record Config(Path home, Path dataDir, int kafkaPort, int kafkaControllerPort, int postgresPort,
                         int smtpPort, int imapPort, int telegramApiPort, int twilioApiPort,
                         List<ServiceSpec> services) {

        /** The default ports of ARCHITECTURE.md. */
        public static Config defaults(Path home, Path dataDir) {
            return new Config(home, dataDir, 19092, 19093, 15432, 3025, 3143, 18081, 18082, ServiceSpec.defaults());
        }

        /** Free ports everywhere, for tests that run beside anything else. */
        public static Config freePorts(Path home, Path dataDir) {
            List<ServiceSpec> services = new ArrayList<>();
            for (ServiceSpec s : ServiceSpec.defaults()) {
                services.add(s.withPort(freePort()));
            }
            return new Config(home, dataDir, freePort(), freePort(), freePort(), freePort(), freePort(), freePort(),
                    freePort(), services);
        }

        public int portOf(String module) {
            return services.stream().filter(s -> s.module().equals(module)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no service " + module)).port();
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

    private record RunningService(ServiceSpec spec, Process process, Path log) {
    }

    private LocalStack(Config config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** Starts everything and returns when every service reports ready; on failure stops what it started. */
    public static LocalStack start(Config config, PrintStream out) {
        LocalStack stack = new LocalStack(config, out);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    public static LocalStack start(Config config) {
        return start(config, System.out);
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
        checkPackaged();
        try {
            Files.createDirectories(config.dataDir().resolve("logs"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + config.dataDir(), e);
        }
        out.println("GetMark local stack: data in " + config.dataDir().toAbsolutePath());

        kafka = KafkaBroker.start(config.dataDir().resolve("kafka"), config.kafkaPort(), config.kafkaControllerPort());
        TopicSetup.createAll(kafka.bootstrapServers());
        out.println("  Kafka (KRaft)    " + kafka.bootstrapServers());

        postgres = Postgres.start(config.dataDir().resolve("postgres"), config.postgresPort());
        config.services().stream().map(ServiceSpec::database).filter(d -> d != null)
                .forEach(postgres::ensureDatabase);
        out.println("  PostgreSQL       localhost:" + postgres.port() + " (user " + postgres.username() + ")");

        mail = MailServer.start("127.0.0.1", config.smtpPort(), config.imapPort());
        out.println("  Mail (SMTP/IMAP) localhost:" + mail.smtpPort() + " / localhost:" + mail.imapPort()
                + " - every address has a mailbox; log in over IMAP with the address as user and password");

        telegram = FakeTelegramApi.start("127.0.0.1", config.telegramApiPort(), FakeTelegramApi.DEFAULT_TOKEN);
        out.println("  Telegram Bot API " + telegram.baseUrl() + " - fake; chat with the bot as any user at "
                + telegram.baseUrl() + "/");

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

        for (ServiceSpec spec : config.services()) {
            running.add(launch(spec));
        }
        for (RunningService service : running) {
            awaitReady(service);
        }
        out.println("  Services:");
        for (RunningService service : running) {
            out.printf("    %-16s http://localhost:%d   (log: %s)%n", service.spec().module(), service.spec().port(),
                    service.log());
        }
        out.println("  Staff accounts seeded for the local stack only:");
        for (StaffAccount account : StaffAccount.seeded()) {
            out.printf("    %s / %s (%s)%n", account.login(), account.password(), account.role());
        }
        out.printf("Ready in %d s. Try:%n  curl -u operator:operator -H 'Content-Type: application/json' "
                        + "-d '{\"inn\":\"7707083893\",\"customerName\":\"ООО Ромашка\",\"email\":\"buh@romashka.ru\","
                        + "\"phone\":\"+79259509118\",\"description\":\"Не печатается этикетка\"}' %s/api/calls%n",
                Duration.between(begin, Instant.now()).toSeconds(), url("intake-phone"));
    }

    private static boolean realTwilio() {
        String sid = System.getenv("GETMARK_WHATSAPP_TWILIO_ACCOUNT_SID");
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

    private RunningService launch(ServiceSpec spec) {
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
            String realToken = System.getenv("GETMARK_TELEGRAM_BOT_TOKEN");
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

        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xss512k", "-XX:ReservedCodeCacheSize=64m"));
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(runJar(spec).toString());

        Path log = config.dataDir().resolve("logs").resolve(spec.module() + ".log");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(config.home().resolve(spec.module()).toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new RunningService(spec, process, log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + spec.module(), e);
        }
    }

    private void awaitReady(RunningService service) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create(url(service.spec().module()) + "/q/health/ready");
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!service.process().isAlive()) {
                throw new IllegalStateException(service.spec().module() + " exited with code "
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
            pause(Duration.ofMillis(200));
        }
        throw new IllegalStateException(service.spec().module() + " not ready after " + READY_TIMEOUT.toSeconds()
                + " s; see " + service.log());
    }

    /** Stops the services first (so they finish their work against live infrastructure), then the infrastructure. */
    @Override
    public synchronized void close() {
        for (RunningService service : running) {
            service.process().descendants().forEach(ProcessHandle::destroy);
            service.process().destroy();
        }
        for (RunningService service : running) {
            try {
                if (!service.process().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    out.println("  " + service.spec().module() + " did not stop in time: killing it");
                    service.process().descendants().forEach(ProcessHandle::destroyForcibly);
                    service.process().destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                service.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
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
     */
    public static void main(String[] args) throws InterruptedException {
        Path home = Path.of(System.getProperty("getmark.home", ".")).toAbsolutePath().normalize();
        Path data = System.getenv("GETMARK_DATA") != null ? Path.of(System.getenv("GETMARK_DATA")) : null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "up" -> { }
                case "--home" -> home = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--data" -> data = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: LocalStack up [--home DIR] [--data DIR]");
                    System.exit(2);
                }
            }
        }
        if (data == null) {
            data = home.resolve(".getmark/data");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        LocalStack stack;
        try {
            stack = start(Config.defaults(home, data.toAbsolutePath()));
        } catch (RuntimeException e) {
            System.err.println("GetMark local stack failed to start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the GetMark local stack...");
            stack.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "getmark-shutdown"));
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }
}
