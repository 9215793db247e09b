package ru.getmark.support.infra;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka broker and the PostgreSQL server that every {@link InfraTestResource} in a JVM shares: each is started
 * at most once, on first demand, and reused by every test class.
 * <p>
 * <b>One per JVM, across class loaders.</b> Quarkus loads a test's application, the test resources included, in a
 * new class loader for every application start, so a plain static field would start a broker per test class. The
 * test resource therefore calls this class as loaded by the <em>system</em> class loader (which holds the same
 * test class path and is never closed), through {@link #call}, with JDK types only ({@code String},
 * {@code Map<String, String>}). The components then run in that loader, with it as their context class loader,
 * independent of any application's lifecycle. Where the system class loader cannot see this class (Quarkus dev
 * mode's continuous testing), the caller's own copy is used.
 * <p>
 * <b>When they stop.</b> When the last user releases them they linger ({@value #LINGER_PROPERTY}, seconds, default
 * {@value #DEFAULT_LINGER_SECONDS}), because Quarkus stops one test class's resources before it starts the next
 * class's; if nobody comes back, or when the JVM exits (shutdown hook), both are stopped and their temporary
 * directories deleted, so no PostgreSQL process outlives the test run.
 */
final class SharedInfra {

    private static final Logger LOG = LoggerFactory.getLogger(SharedInfra.class);
    static final String LINGER_PROPERTY = "getmark.infra.linger-seconds";
    static final int DEFAULT_LINGER_SECONDS = 30;

    private static KafkaBroker kafka;
    private static Path kafkaDir;
    private static Postgres postgres;
    private static int users;
    private static ScheduledExecutorService timer;
    private static ScheduledFuture<?> pendingStop;
    private static boolean hookInstalled;

    private SharedInfra() {
    }

    /** Registers a user; cancels a pending stop. */
    static synchronized void acquire() {
        users++;
        if (pendingStop != null) {
            pendingStop.cancel(false);
            pendingStop = null;
        }
        if (!hookInstalled) {
            Thread hook = new Thread(SharedInfra::stopAll, "getmark-infra-shutdown");
            hook.setContextClassLoader(SharedInfra.class.getClassLoader());
            Runtime.getRuntime().addShutdownHook(hook);
            hookInstalled = true;
        }
    }

    /** Unregisters a user; the last one schedules the stop. */
    static synchronized void release() {
        if (users == 0) {
            return;
        }
        users--;
        if (users > 0) {
            return;
        }
        long linger = Long.getLong(LINGER_PROPERTY, DEFAULT_LINGER_SECONDS);
        if (linger <= 0) {
            stopAll();
            return;
        }
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "getmark-infra-linger");
                t.setDaemon(true);
                t.setContextClassLoader(SharedInfra.class.getClassLoader());
                return t;
            });
        }
        pendingStop = timer.schedule(SharedInfra::stopIfUnused, linger, TimeUnit.SECONDS);
    }

    private static synchronized void stopIfUnused() {
        if (users == 0) {
            stopAll();
        }
    }

    /** {@code bootstrap.servers} of the broker, started with every topic of {@link TopicCatalog} if needed. */
    static synchronized String kafka() {
        if (kafka == null) {
            inOwnLoader(() -> {
                kafkaDir = TempDirs.create("getmark-kafka-", abandoned -> { });
                kafka = KafkaBroker.start(kafkaDir, 0, 0);
                TopicSetup.createAll(kafka.bootstrapServers());
                return null;
            });
        }
        return kafka.bootstrapServers();
    }

    /** The PostgreSQL server, started if needed: {@code port} and {@code dataDir}. */
    static synchronized Map<String, String> postgres() {
        if (postgres == null) {
            postgres = inOwnLoader(() -> Postgres.startTemporary(0));
        }
        return Map.of("port", Integer.toString(postgres.port()), "dataDir", postgres.dataDir().toString());
    }

    /** Where the broker keeps its data; for tests. */
    static synchronized String kafkaDataDir() {
        return kafkaDir == null ? null : kafkaDir.toString();
    }

    /** Stops both, PostgreSQL first; safe to call twice. */
    static synchronized void stopAll() {
        if (pendingStop != null) {
            pendingStop.cancel(false);
            pendingStop = null;
        }
        if (postgres != null) {
            closeQuietly(postgres);
            postgres = null;
        }
        if (kafka != null) {
            closeQuietly(kafka);
            kafka = null;
            Postgres.deleteRecursively(kafkaDir);
            kafkaDir = null;
        }
    }

    /**
     * Runs with this class's loader as context class loader: Kafka instantiates configured classes (metrics
     * reporters, principal builders) through it, and they must come from the same loader as the broker.
     */
    private static <T> T inOwnLoader(Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SharedInfra.class.getClassLoader());
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void closeQuietly(AutoCloseable component) {
        try {
            component.close();
        } catch (Exception e) {
            LOG.warn("Stopping {} failed: {}", component, e.toString());
        }
    }

    // ---- the bridge: how a copy of infra in another class loader reaches the JVM-wide instance

    private static volatile Class<?> home;

    /** Calls a static method of the JVM-wide copy of this class; arguments and results are JDK types only. */
    @SuppressWarnings("unchecked")
    static <T> T call(String method) {
        try {
            java.lang.reflect.Method m = home().getDeclaredMethod(method);
            m.setAccessible(true);
            return (T) m.invoke(null);
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot reach the shared infrastructure: " + e, e);
        }
    }

    private static Class<?> home() {
        Class<?> found = home;
        if (found == null) {
            try {
                found = Class.forName(SharedInfra.class.getName(), true, ClassLoader.getSystemClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.debug("infra is not on the system class path; sharing within {} only",
                        SharedInfra.class.getClassLoader());
                found = SharedInfra.class;
            }
            home = found;
        }
        return found;
    }
}
