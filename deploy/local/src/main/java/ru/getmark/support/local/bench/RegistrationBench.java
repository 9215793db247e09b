package ru.getmark.support.local.bench;

import com.icegreen.greenmail.store.StoredMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.common.kafka.JsonSerializer;
import ru.getmark.support.infra.KafkaBroker;
import ru.getmark.support.local.LocalStack;

import jakarta.mail.MessagingException;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Phases 1 and 3 on a stack of the infrastructure, ticket-service and (later) the notifier:
 * <ol>
 *   <li>N realistic new requests are put on {@code getmark.intake.v1} (acks=all, batched) before any consumer runs;</li>
 *   <li>the baseline consumer reads them all into its own database ({@link Baseline});</li>
 *   <li>(before each of the two runs a PostgreSQL {@code CHECKPOINT}, so that neither pays for the other's writes)</li>
 *   <li>ticket-service starts and registers them; {@link RegisteredEvents} counts the {@code registered} events until
 *       N, then 2 s more to catch extras;</li>
 *   <li>the notifier starts with N registration notices to send; the mail server (in this JVM) stores them, and the
 *       emails stored within the window after the first are counted.</li>
 * </ol>
 */
final class RegistrationBench {

    private static final Duration STALL = Duration.ofSeconds(120);
    private static final Duration EXTRA_WATCH = Duration.ofSeconds(2);

    record Result(BenchReport.Registration registration, BenchReport.Notification notification,
                  Map<String, String> postgres, Map<String, String> broker, List<BenchReport.Producer> producers) {
    }

    private RegistrationBench() {
    }

    static Result run(LocalStack.Config config, BenchReport.Settings settings, PrintStream out) {
        return Benchmark.inStack(config, out, stack -> measure(stack, settings, out));
    }

    private static Result measure(LocalStack stack, BenchReport.Settings settings, PrintStream out) {
        String bootstrap = stack.bootstrapServers();
        var postgres = stack.postgres();
        Map<String, String> pgSettings = DurabilityCheck.postgres(postgres.jdbcUrl("postgres"), postgres.username(),
                postgres.password());
        Map<String, String> broker = DurabilityCheck.kafkaBroker(bootstrap, KafkaBroker.NODE_ID);
        out.println("Durable settings: PostgreSQL " + pgSettings + "; Kafka broker " + broker);
        if (!DurabilityCheck.postgresDurable(pgSettings)) {
            throw new IllegalStateException("PostgreSQL is not durable (" + pgSettings + "): refusing to measure");
        }

        int n = settings.n();
        out.printf("1. Registration: putting %,d requests on %s (acks=all)...%n", n, Topics.INTAKE);
        double preloadSeconds = preload(bootstrap, settings);
        out.printf("   done in %.1f s%n", preloadSeconds);

        postgres.ensureDatabase(Baseline.DATABASE);
        out.println("   a PostgreSQL CHECKPOINT before each of the two runs, so that both start alike");
        // without it the second run inherited the baseline's WAL, and the checkpoint that volume triggers fell into
        // its window: full-page images raised PostgreSQL's CPU per ticket by about 40 % for the rest of the run
        postgres.checkpoint();
        out.println("   baseline: a minimal consumer, JDBC batches of " + Baseline.BATCH + " into database "
                + Baseline.DATABASE + "...");
        Baseline.Result baseline = Baseline.run(bootstrap, postgres.jdbcUrl(Baseline.DATABASE), postgres.username(),
                postgres.password(), n);
        double baselineSeconds = seconds(baseline.firstCommitAt(), baseline.lastCommitAt());
        BenchReport.BaselineRun baselineRun = new BenchReport.BaselineRun(baseline.rows(), baseline.distinct(),
                baseline.firstCommitAt(), baseline.lastCommitAt(), Stats.round(baselineSeconds, 3),
                Stats.round(Stats.rate(baseline.rows(), baselineSeconds), 1), Baseline.BATCH);
        out.printf("   baseline: %,d rows in %.1f s = %,.0f/s%n", baseline.rows(), baselineSeconds,
                baselineRun.perSecond());

        BenchReport.TicketServiceRun ticketRun;
        postgres.checkpoint();
        try (RegisteredEvents events = new RegisteredEvents(bootstrap, n)) {
            out.println("   starting ticket-service...");
            LocalStack.ServiceStart start = stack.startService("ticket-service");
            out.printf("   ticket-service ready %d ms after its process started; registering...%n",
                    start.toReady().toMillis());
            awaitCount("registered events", events::registered, n, () -> requireAlive(stack, "ticket-service"), out);
            pause(EXTRA_WATCH);
            RegisteredEvents.Snapshot seen = events.snapshot();
            long deadLettered = recordsOn(bootstrap, Topics.dlq(Topics.INTAKE));
            double seconds = seconds(seen.first(), seen.last());
            ticketRun = new BenchReport.TicketServiceRun(seen.registered(), seen.distinct(), seen.missing(),
                    seen.doubled(), seen.foreign(), deadLettered, seen.first(), seen.last(), Stats.round(seconds, 3),
                    Stats.round(Stats.rate(seen.registered(), seconds), 1), start.toReady().toMillis(),
                    Stats.round(seconds(start.launchedAt(), seen.last()), 3));
            out.printf("   ticket-service: %,d registered in %.1f s = %,.0f/s%n", seen.registered(), seconds,
                    ticketRun.perSecond());
        }
        double ratio = baselineRun.perSecond() == 0 ? 0 : Stats.round(ticketRun.perSecond() / baselineRun.perSecond(), 3);
        BenchReport.Registration registration = new BenchReport.Registration(n, Stats.round(preloadSeconds, 3),
                ticketRun, baselineRun, ratio);

        BenchReport.Notification notification = notification(stack, settings, out);

        List<BenchReport.Producer> producers = new ArrayList<>();
        producers.addAll(DurabilityCheck.producers("ticket-service", stack.log("ticket-service")));
        producers.addAll(DurabilityCheck.producers("notifier", stack.log("notifier")));
        return new Result(registration, notification, pgSettings, broker, producers);
    }

    /** Puts N new requests on the intake topic; the customer name of request i ends with "[i]", its token. */
    private static double preload(String bootstrap, BenchReport.Settings settings) {
        RequestFactory factory = new RequestFactory(settings.seed(), settings.customers());
        Instant begin = Instant.now();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, JsonSerializer.class.getName()))) {
            Instant now = Instant.now();
            for (int i = 0; i < settings.n() && failure.get() == null; i++) {
                RequestFactory.Customer customer = factory.anyCustomer();
                IntakeMessage message = factory.newRequest(customer, customer.name() + " [" + i + "]", now);
                producer.send(new ProducerRecord<>(Topics.INTAKE, message.key(), message), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("preload failed: " + failure.get(), failure.get());
        }
        return seconds(begin, Instant.now());
    }

    /**
     * Starts the notifier with the N registration notices due and counts the emails the mail server stores: the clock
     * starts at the first one and runs for the window, or until the last expected one if that comes sooner.
     */
    private static BenchReport.Notification notification(LocalStack stack, BenchReport.Settings settings,
                                                         PrintStream out) {
        long expected = settings.n();
        out.println("3. Notification: starting the notifier with " + expected + " registration notices due...");
        LocalStack.ServiceStart start = stack.startService("notifier");
        LongSupplier stored = () -> storedMessages(stack).size();
        Instant deadline = Instant.now().plus(STALL);
        while (stored.getAsLong() == 0) {
            requireAlive(stack, "notifier");
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the notifier sent no email within " + STALL.toSeconds() + " s");
            }
            pause(Duration.ofMillis(50));
        }
        long firstMillis = arrivals(stack)[0];
        long windowEnd = firstMillis + settings.notifySeconds() * 1000L;
        long last = 0;
        Instant progressAt = Instant.now();
        while (System.currentTimeMillis() < windowEnd + 500) {
            long count = stored.getAsLong();
            if (count >= expected) {
                break;
            }
            if (count > last) {
                last = count;
                progressAt = Instant.now();
            } else if (Duration.between(progressAt, Instant.now()).compareTo(STALL) > 0) {
                break;
            }
            requireAlive(stack, "notifier");
            pause(Duration.ofMillis(200));
        }
        long[] arrivals = arrivals(stack);
        long end = arrivals.length >= expected ? Math.min(windowEnd, arrivals[(int) expected - 1]) : windowEnd;
        long delivered = Arrays.stream(arrivals).filter(t -> t <= end).count();
        double seconds = (end - firstMillis) / 1000.0;
        BenchReport.Notification result = new BenchReport.Notification(settings.notifySeconds(), expected, delivered,
                arrivals.length, Instant.ofEpochMilli(firstMillis), Instant.ofEpochMilli(end), Stats.round(seconds, 3),
                Stats.round(Stats.rate(delivered, seconds), 1), start.toReady().toMillis());
        out.printf("   %,d registration emails in %.1f s = %,.1f/s%n", delivered, seconds, result.perSecond());
        return result;
    }

    /** Arrival times (epoch millis, ascending) of the registration emails the mail server stored. */
    private static long[] arrivals(LocalStack stack) {
        return storedMessages(stack).stream().filter(RegistrationBench::isRegistration)
                .mapToLong(m -> m.getReceivedDate().getTime()).sorted().toArray();
    }

    /**
     * Every message the mail server holds. GreenMail walks its mailboxes without a lock, so a mailbox created at that
     * moment (a new customer's first email) may disturb the walk: then it is simply walked again.
     */
    private static List<StoredMessage> storedMessages(LocalStack stack) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                return stack.mail().greenMail().getManagers().getImapHostManager().getAllMessages();
            } catch (java.util.ConcurrentModificationException | IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static boolean isRegistration(StoredMessage message) {
        try {
            String subject = message.getMimeMessage().getSubject();
            return subject != null && subject.startsWith("Регистрация");
        } catch (MessagingException e) {
            return false;
        }
    }

    /** Waits until the counter reaches {@code target}; fails when it does not move for {@link #STALL}. */
    static void awaitCount(String what, LongSupplier counter, long target, Runnable check, PrintStream out) {
        long last = -1;
        Instant progressAt = Instant.now();
        Instant reportAt = Instant.now().plusSeconds(10);
        while (true) {
            long count = counter.getAsLong();
            if (count >= target) {
                return;
            }
            if (count > last) {
                last = count;
                progressAt = Instant.now();
            } else if (Duration.between(progressAt, Instant.now()).compareTo(STALL) > 0) {
                throw new IllegalStateException(what + ": stuck at " + count + " of " + target + " for "
                        + STALL.toSeconds() + " s");
            }
            if (Instant.now().isAfter(reportAt)) {
                out.printf("   ... %,d of %,d %s%n", count, target, what);
                reportAt = Instant.now().plusSeconds(10);
            }
            check.run();
            pause(Duration.ofMillis(100));
        }
    }

    static void requireAlive(LocalStack stack, String module) {
        if (stack.pid(module).isEmpty()) {
            throw new IllegalStateException(module + " is not running any more; see " + stack.log(module));
        }
    }

    /** How many records a topic holds (end minus beginning offsets over its partitions). */
    private static long recordsOn(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            long end = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            long begin = consumer.beginningOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            return end - begin;
        }
    }

    static double seconds(Instant from, Instant to) {
        return from == null || to == null ? 0 : Duration.between(from, to).toNanos() / 1e9;
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
