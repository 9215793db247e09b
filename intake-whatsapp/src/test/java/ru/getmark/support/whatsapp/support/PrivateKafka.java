package ru.getmark.support.whatsapp.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A Kafka broker of one test class alone (deploy/infra's {@code KafkaBroker}, real, in this JVM), which the test may
 * stop and start again on the same ports and log directory: a broker outage and its end, without touching the broker
 * every other test shares. Like deploy/infra's shared components it runs in the system class loader, so that the
 * application's class loader (closed at each Quarkus restart) holds none of its threads; it is driven by reflection
 * with JDK types only.
 */
public final class PrivateKafka {

    private final Path dir;
    private Object broker;
    private int port;
    private int controllerPort;

    private PrivateKafka(Path dir) {
        this.dir = dir;
    }

    public static PrivateKafka start() {
        try {
            PrivateKafka kafka = new PrivateKafka(Files.createTempDirectory("getmark-whatsapp-private-kafka"));
            kafka.broker = kafka.startBroker(0, 0);
            kafka.port = (Integer) call(kafka.broker, "port");
            kafka.controllerPort = (Integer) call(kafka.broker, "controllerPort");
            Class<?> topics = Class.forName("ru.getmark.support.infra.TopicSetup", true,
                    ClassLoader.getSystemClassLoader());
            inSystemLoader(() -> topics.getMethod("createAll", String.class).invoke(null, kafka.bootstrapServers()));
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("deploy/infra's KafkaBroker is not usable", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Shuts the broker down (clean shutdown; the log stays). */
    public synchronized void stop() {
        if (broker != null) {
            try {
                call(broker, "close");
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            broker = null;
        }
    }

    /** Starts it again on the same ports with the same log, as after an outage. */
    public synchronized void restart() {
        if (broker != null) {
            return;
        }
        try {
            broker = startBroker(port, controllerPort);
            int again = (Integer) call(broker, "port");
            if (again != port) {
                throw new IllegalStateException("the private broker came back on port " + again + ", not " + port);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the broker and deletes its log. */
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the OS cleans it eventually
        }
    }

    private Object startBroker(int clientPort, int quorumPort) throws ReflectiveOperationException {
        Class<?> type = Class.forName("ru.getmark.support.infra.KafkaBroker", true, ClassLoader.getSystemClassLoader());
        Method start = type.getMethod("start", Path.class, int.class, int.class);
        return inSystemLoader(() -> start.invoke(null, dir, clientPort, quorumPort));
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        Method m = target.getClass().getMethod(method);
        return inSystemLoader(() -> m.invoke(target));
    }

    private interface Action {
        Object run() throws ReflectiveOperationException;
    }

    private static Object inSystemLoader(Action action) throws ReflectiveOperationException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
        try {
            return action.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
