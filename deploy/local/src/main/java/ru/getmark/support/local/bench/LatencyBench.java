package ru.getmark.support.local.bench;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.local.LocalStack;
import ru.getmark.support.local.ServiceSpec;

import jakarta.activation.DataHandler;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phases 4 and 2 on the whole stack (infrastructure and the six services, on a fresh data folder):
 * <ol>
 *   <li>the services start one at a time, each timed from process start to ready (no JVM shares the cores with
 *       another one starting) on its empty database, then stopped and started again on the same database (a
 *       restart); after all are ready and a settle pause, each one's resident memory is read;</li>
 *   <li>K customer mailboxes are each watched by an IMAP IDLE connection ({@link MailboxWatcher});</li>
 *   <li>warm-up requests are sent at the same rate and awaited (not counted; the slowest is reported);</li>
 *   <li>at {@code rate} requests per second for {@code seconds}, alternately an email over SMTP to help@getmark.ru
 *       (From "Клиент &lt;token&gt;" &lt;mailbox&gt;) and a call POSTed to intake-phone (customerName
 *       "Клиент &lt;token&gt;", email = the mailbox); each request's token is unique, and the registration notice
 *       greets the customer by it ("Уважаемый(ая) Клиент &lt;token&gt;!"): latency = the notice's arrival in the
 *       mailbox − the start of the send. Resident memory is sampled throughout;</li>
 *   <li>requests without a notice {@value #LOST_AFTER_SECONDS} s after the last send are watched up to
 *       {@value #LATE_WATCH_SECONDS} s more: a notice then is late, none at all lost; two notices are doubled
 *       ({@link Outcomes}).</li>
 * </ol>
 * A mailbox receives at most {@value #EMAILS_PER_MAILBOX} of the emails, below intake-email's flood limit (20 per
 * sender per hour), as real customers are many and each writes a few times.
 */
final class LatencyBench {

    static final int EMAILS_PER_MAILBOX = 15;
    /** A notice later than this after the last send is late. */
    static final int LOST_AFTER_SECONDS = 30;
    /** How long after that the benchmark keeps watching for late notices, at most. */
    static final int LATE_WATCH_SECONDS = 120;
    private static final Duration LOST_AFTER = Duration.ofSeconds(LOST_AFTER_SECONDS);
    private static final Duration LATE_WATCH = Duration.ofSeconds(LATE_WATCH_SECONDS);
    private static final Duration DOUBLE_WATCH = Duration.ofSeconds(3);
    private static final Duration WARMUP_WAIT = Duration.ofSeconds(60);
    private static final String MAILBOX_DOMAIN = "klient-bench.ru";
    private static final Pattern GREETING = Pattern.compile("Уважаемый\\(ая\\)\\s+(.*?)!");
    private static final Pattern TOKEN = Pattern.compile("bench-w?[ep]\\d{6}");
    private static final String BASIC_OPERATOR = "Basic "
            + Base64.getEncoder().encodeToString("operator:operator".getBytes(StandardCharsets.UTF_8));

    record Result(BenchReport.Latency latency, BenchReport.Footprint footprint, List<BenchReport.Producer> producers,
                  double loadBeforeLatency, List<Outcomes.Request> outcomes) {
    }

    /** One request to send. */
    private record Request(String token, boolean email, String mailbox, String inn, String phone, String subject,
                           String text, TicketType type, Impact impact, String process, String signature,
                           byte[] attachment) {
    }

    /** What became of a sent request. */
    private static final class Sent {
        final boolean email;
        final boolean warmup;
        final long startMillis;
        volatile boolean accepted;
        volatile String error;

        Sent(boolean email, boolean warmup, long startMillis) {
            this.email = email;
            this.warmup = warmup;
            this.startMillis = startMillis;
        }
    }

    private final LocalStack stack;
    private final BenchReport.Settings settings;
    private final PrintStream out;
    private final Map<String, Sent> sent = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> notices = new ConcurrentHashMap<>();
    private final AtomicLong otherMail = new AtomicLong();
    /** After this, a warm-up notice is late. */
    private long warmupDeadline;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Session smtp;

    private LatencyBench(LocalStack stack, BenchReport.Settings settings, PrintStream out) {
        this.stack = stack;
        this.settings = settings;
        this.out = out;
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(stack.config().smtpPort()));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "30000");
        this.smtp = Session.getInstance(props);
    }

    static Result run(LocalStack.Config config, BenchReport.Settings settings, PrintStream out) {
        return Benchmark.inStack(config, out, stack -> new LatencyBench(stack, settings, out).measure());
    }

    /** How many mailboxes: at least the asked number, enough to keep each under the flood limit. */
    static int mailboxes(BenchReport.Settings settings) {
        int emails = (settings.rate() * settings.seconds() + settings.warmup()) / 2 + 1;
        return Math.max(settings.mailboxes(), (emails + EMAILS_PER_MAILBOX - 1) / EMAILS_PER_MAILBOX);
    }

    private Result measure() {
        out.println("4. Footprint: starting the six services one at a time (empty databases), each then stopped and "
                + "started again (restart)...");
        Map<String, LocalStack.ServiceStart> starts = new LinkedHashMap<>();
        Map<String, LocalStack.ServiceStart> restarts = new LinkedHashMap<>();
        for (ServiceSpec service : stack.config().services()) {
            LocalStack.ServiceStart start = stack.startService(service.module());
            starts.put(service.module(), start);
            stack.stopService(service.module());
            LocalStack.ServiceStart restart = stack.startService(service.module());
            restarts.put(service.module(), restart);
            out.printf("   %-16s ready %,6d ms (CPU %,6d ms) after its process started; restart %,6d ms (CPU %,6d ms);"
                            + " class archive %s%n", service.module(), start.toReady().toMillis(), start.cpuMs(),
                    restart.toReady().toMillis(), restart.cpuMs(), start.classArchive().label());
        }
        out.printf("   all ready; settling %d s before reading idle memory...%n", settings.settleSeconds());
        RegistrationBench.pause(Duration.ofSeconds(settings.settleSeconds()));
        Map<String, Long> pids = new LinkedHashMap<>();
        Map<String, Long> idleKib = new LinkedHashMap<>();
        for (String module : starts.keySet()) {
            long pid = stack.pid(module).orElseThrow(() -> new IllegalStateException(module + " is not running"));
            pids.put(module, pid);
            idleKib.put(module, ProcessMemory.rssKib(pid).orElse(0));
        }
        long idleTotal = idleKib.values().stream().mapToLong(Long::longValue).sum();
        out.printf("   idle: %.0f MiB together%n", Stats.mib(idleTotal));
        double loadBefore = Machine.loadAverage();

        int mailboxCount = mailboxes(settings);
        List<String> mailboxes = new ArrayList<>();
        for (int i = 1; i <= mailboxCount; i++) {
            mailboxes.add("klient-" + i + "@" + MAILBOX_DOMAIN);
        }
        RequestFactory factory = new RequestFactory(settings.seed() + 1, Math.max(50, mailboxCount));
        int total = settings.rate() * settings.seconds();
        List<Request> warmup = requests(factory, mailboxes, settings.warmup(), true, 0);
        List<Request> requests = requests(factory, mailboxes, total, false, settings.warmup());

        BenchReport.Latency latency;
        List<Outcomes.Request> outcomes = new ArrayList<>();
        ProcessMemory.Sampler sampler = null;
        List<MailboxWatcher> watchers = new ArrayList<>();
        ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(daemon("bench-imap-renew"));
        ExecutorService senders = Executors.newFixedThreadPool(32, daemon("bench-sender"));
        try {
            out.printf("2. Latency: %d customer mailboxes over IMAP IDLE...%n", mailboxCount);
            for (String mailbox : mailboxes) {
                watchers.add(new MailboxWatcher("127.0.0.1", stack.config().imapPort(), mailbox, this::arrived));
            }
            for (MailboxWatcher watcher : watchers) {
                if (!watcher.awaitIdling(30_000)) {
                    throw new IllegalStateException("IMAP IDLE did not start for " + watcher.address());
                }
            }
            renewer.scheduleWithFixedDelay(() -> watchers.forEach(MailboxWatcher::renew), MailboxWatcher.RENEW_MS,
                    MailboxWatcher.RENEW_MS, TimeUnit.MILLISECONDS);
            sampler = new ProcessMemory.Sampler(pids, 500);
            long warmupMax = warmup(warmup, senders, watchers);
            out.printf("   sending %d requests/s for %d s (email and phone alternately)...%n", settings.rate(),
                    settings.seconds());
            long maxLag = sendAtRate(requests, senders, false);
            long lastSendEnd = System.currentTimeMillis();
            long deadline = lastSendEnd + LOST_AFTER.toMillis();
            awaitNotices(requests, deadline, watchers);
            long missing = requests.stream().filter(r -> !arrivedOrFailed(r)).count();
            if (missing > 0) {
                out.printf("   %d request(s) without a notice %d s after the last send: watching up to %d s more for "
                        + "late ones...%n", missing, LOST_AFTER_SECONDS, LATE_WATCH_SECONDS);
                awaitNotices(requests, deadline + LATE_WATCH.toMillis(), watchers);
            }
            RegistrationBench.pause(DOUBLE_WATCH);
            checkWatchers(watchers);
            sampler.close();
            outcomes.addAll(outcomes(warmup, warmupDeadline));
            outcomes.addAll(outcomes(requests, deadline));
            latency = latency(outcomes, maxLag, warmup.size(), warmupMax);
        } catch (MessagingException e) {
            throw new IllegalStateException("IMAP: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (sampler != null) {
                sampler.close();
            }
            senders.shutdownNow();
            renewer.shutdownNow();
            watchers.forEach(MailboxWatcher::close);
        }
        out.printf("   email p99 %d ms, phone p99 %d ms; late %d, lost %d, doubled %d%n", latency.email().p99Ms(),
                latency.phone().p99Ms(), latency.all().late(), latency.all().lost(), latency.all().doubled());

        Map<String, Long> maxKib = sampler.maxKib();
        List<BenchReport.ServiceFootprint> rows = new ArrayList<>();
        for (String module : starts.keySet()) {
            LocalStack.ServiceStart start = starts.get(module);
            LocalStack.ServiceStart restart = restarts.get(module);
            rows.add(new BenchReport.ServiceFootprint(module, start.toReady().toMillis(), start.cpuMs(),
                    restart.toReady().toMillis(), restart.cpuMs(), start.classArchive().label(),
                    restart.classArchive().label(), Stats.mib(idleKib.get(module)),
                    Stats.mib(maxKib.getOrDefault(module, 0L))));
        }
        BenchReport.Footprint footprint = new BenchReport.Footprint(rows, Stats.mib(idleTotal),
                Stats.mib(sampler.maxTotalKib()));

        List<BenchReport.Producer> producers = new ArrayList<>();
        for (String module : starts.keySet()) {
            producers.addAll(DurabilityCheck.producers(module, stack.log(module)));
        }
        return new Result(latency, footprint, producers, loadBefore, outcomes);
    }

    private List<Request> requests(RequestFactory factory, List<String> mailboxes, int count, boolean warmup,
                                   int offset) {
        List<Request> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int seq = offset + i;
            boolean email = seq % 2 == 0;
            String token = "bench-" + (warmup ? "w" : "") + (email ? "e" : "p") + String.format("%06d", seq);
            String mailbox = mailboxes.get((seq / 2) % mailboxes.size());
            RequestFactory.Customer customer = factory.anyCustomer();
            byte[] attachment = email && factory.oneIn(10) ? factory.bytes(factory.between(20_000, 200_000)) : null;
            list.add(new Request(token, email, mailbox, customer.inn(), customer.phone(), factory.subject(),
                    factory.text(), factory.typeOrNull(), factory.impactOrNull(), factory.processName(),
                    factory.personName() + "\n" + customer.name() + "\nтел. " + customer.phone(), attachment));
        }
        return list;
    }

    /**
     * Sends the warm-up requests at the measured rate and waits for their notices; the slowest latency. The services
     * were all just started (the footprint phase): their JIT compilers, connection pools and caches warm up on these,
     * so that the measured window shows the steady state; the warm-up's slowest is reported beside it.
     */
    private long warmup(List<Request> warmup, ExecutorService senders, List<MailboxWatcher> watchers)
            throws InterruptedException {
        if (warmup.isEmpty()) {
            return 0;
        }
        out.printf("   warm-up: %d requests at %d/s (not counted)...%n", warmup.size(), settings.rate());
        sendAtRate(warmup, senders, true);
        warmupDeadline = System.currentTimeMillis() + WARMUP_WAIT.toMillis();
        awaitNotices(warmup, warmupDeadline, watchers);
        long max = 0;
        for (Request request : warmup) {
            List<Long> arrivals = notices.get(request.token());
            Sent s = sent.get(request.token());
            if (arrivals == null || s == null) {
                out.println("   warm-up request " + request.token() + " got no notice within "
                        + WARMUP_WAIT.toSeconds() + " s");
                return -1;
            }
            max = Math.max(max, Collections.min(arrivals) - s.startMillis);
        }
        return max;
    }

    /**
     * Hands request i to a sender at start + i / rate; a sender that falls behind shows in the returned largest lag
     * (ms), and the request's latency still counts from its real send start.
     */
    private long sendAtRate(List<Request> requests, ExecutorService senders, boolean warmup)
            throws InterruptedException {
        if (requests.isEmpty()) {
            return 0;
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("bench-ticker"));
        long period = 1_000_000_000L / settings.rate();
        long start = System.nanoTime() + 50_000_000L;
        AtomicInteger next = new AtomicInteger();
        AtomicLong maxLag = new AtomicLong();
        CountDownLatch scheduled = new CountDownLatch(1);
        try {
            ScheduledFuture<?> tick = ticker.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i >= requests.size()) {
                    scheduled.countDown();
                    return;
                }
                long lag = (System.nanoTime() - (start + i * period)) / 1_000_000;
                maxLag.accumulateAndGet(lag, Math::max);
                Request request = requests.get(i);
                senders.execute(() -> send(request, warmup));
            }, start - System.nanoTime(), period, TimeUnit.NANOSECONDS);
            scheduled.await();
            tick.cancel(false);
        } finally {
            ticker.shutdownNow();
        }
        // every send handed over: wait until they are done (a send times out after 30 s at most)
        long deadline = System.currentTimeMillis() + 60_000;
        while (requests.stream().anyMatch(r -> {
            Sent s = sent.get(r.token());
            return s == null || (!s.accepted && s.error == null);
        }) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        return maxLag.get();
    }

    private void send(Request request, boolean warmup) {
        Sent record = new Sent(request.email(), warmup, System.currentTimeMillis());
        sent.put(request.token(), record);
        try {
            if (request.email()) {
                sendEmail(request);
            } else {
                postCall(request);
            }
            record.accepted = true;
        } catch (Exception e) {
            record.error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private void sendEmail(Request request) throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new MimeMessage(smtp);
        message.setFrom(new InternetAddress(request.mailbox(), "Клиент " + request.token(), "UTF-8"));
        message.setRecipients(Message.RecipientType.TO, LocalStack.SUPPORT_ADDRESS);
        message.setSubject(request.subject() + ", ИНН " + request.inn(), "UTF-8");
        message.setSentDate(new Date());
        String body = "Здравствуйте!\n\n" + request.text() + "\n\nС уважением,\n" + request.signature();
        if (request.attachment() == null) {
            message.setText(body, "UTF-8");
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(body, "UTF-8");
            MimeBodyPart file = new MimeBodyPart();
            file.setDataHandler(new DataHandler(new ByteArrayDataSource(request.attachment(), "image/png")));
            file.setFileName("скриншот ошибки.png");
            message.setContent(new MimeMultipart(text, file));
        }
        Transport.send(message);
    }

    private void postCall(Request request) throws IOException, InterruptedException {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("inn", request.inn());
        call.put("customerName", "Клиент " + request.token());
        call.put("email", request.mailbox());
        call.put("phone", request.phone());
        if (request.type() != null) {
            call.put("type", request.type());
        }
        if (request.impact() != null) {
            call.put("impact", request.impact());
        }
        call.put("process", request.process());
        call.put("description", request.text());
        HttpRequest post = HttpRequest.newBuilder(URI.create(stack.url("intake-phone") + "/api/calls"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", BASIC_OPERATOR)
                .header("Idempotency-Key", request.token())
                .POST(HttpRequest.BodyPublishers.ofString(Json.toJson(call)))
                .build();
        HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IOException("HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    /** A message in a customer mailbox: a registration notice of one of our requests, or other mail. */
    private void arrived(String mailbox, long arrivalMillis, String subject, String text) {
        Matcher greeting = GREETING.matcher(text);
        Matcher token = greeting.find() ? TOKEN.matcher(greeting.group(1)) : null;
        if (token == null || !token.find() || !subject.startsWith("Регистрация")) {
            otherMail.incrementAndGet();
            return;
        }
        notices.computeIfAbsent(token.group(), t -> Collections.synchronizedList(new ArrayList<>()))
                .add(arrivalMillis);
    }

    /** Whether the request has its notice, or failed on sending (so none is coming). */
    private boolean arrivedOrFailed(Request r) {
        Sent s = sent.get(r.token());
        return s != null && (!s.accepted || notices.containsKey(r.token()));
    }

    /** Waits until every accepted request has a notice, or the deadline. */
    private void awaitNotices(List<Request> requests, long deadlineMillis, List<MailboxWatcher> watchers)
            throws InterruptedException {
        while (System.currentTimeMillis() < deadlineMillis) {
            boolean all = requests.stream().allMatch(this::arrivedOrFailed);
            if (all) {
                return;
            }
            checkWatchers(watchers);
            Thread.sleep(50);
        }
    }

    private static void checkWatchers(List<MailboxWatcher> watchers) {
        for (MailboxWatcher watcher : watchers) {
            if (watcher.failure() != null) {
                throw new IllegalStateException("IMAP connection of " + watcher.address() + " failed: "
                        + watcher.failure(), watcher.failure());
            }
        }
    }

    /** What became of each request (a snapshot: notices that arrive later are not in it). */
    private List<Outcomes.Request> outcomes(List<Request> requests, long deadlineMillis) {
        List<Outcomes.Request> list = new ArrayList<>(requests.size());
        for (Request r : requests) {
            Sent s = sent.get(r.token());
            List<Long> arrivals = notices.get(r.token());
            List<Long> copy;
            if (arrivals == null) {
                copy = List.of();
            } else {
                synchronized (arrivals) {
                    copy = List.copyOf(arrivals);
                }
            }
            boolean warmup = r.token().startsWith("bench-w");
            list.add(new Outcomes.Request(r.token(), r.email() ? "email" : "phone", warmup,
                    s == null ? 0 : s.startMillis, s != null && s.accepted,
                    s == null ? "never sent" : s.error, copy, deadlineMillis));
        }
        return list;
    }

    private BenchReport.Latency latency(List<Outcomes.Request> outcomes, long maxLag, int warmupCount,
                                        long warmupMax) {
        BenchReport.ChannelLatency email = Outcomes.channel(outcomes, "email");
        BenchReport.ChannelLatency phone = Outcomes.channel(outcomes, "phone");
        BenchReport.ChannelLatency all = Outcomes.channel(outcomes, null);
        int requests = (int) outcomes.stream().filter(o -> !o.warmup()).count();
        for (Map.Entry<String, Sent> s : sent.entrySet()) {
            if (s.getValue().error != null) {
                out.println("   failed: " + s.getKey() + " " + s.getValue().error);
            }
        }
        long foreign = notices.keySet().stream().filter(t -> !sent.containsKey(t)).count();
        return new BenchReport.Latency(settings.rate(), settings.seconds(), requests, email, phone, all,
                otherMail.get() + foreign, maxLag, warmupCount, warmupMax, LOST_AFTER_SECONDS, LATE_WATCH_SECONDS);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
