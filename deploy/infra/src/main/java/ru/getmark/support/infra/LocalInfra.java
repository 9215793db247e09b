package ru.getmark.support.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The infrastructure of the local stack in one call: Kafka (data in {@code <dataDir>/kafka}) with every topic,
 * PostgreSQL (data in {@code <dataDir>/postgres}, server log in {@code <dataDir>/postgres.log}) with the given
 * databases, and the mail server (mail is kept in memory only). {@link #close()} stops them in reverse order.
 */
public final class LocalInfra implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalInfra.class);

    private final KafkaBroker kafka;
    private final Postgres postgres;
    private final MailServer mail;
    private boolean closed;

    private LocalInfra(KafkaBroker kafka, Postgres postgres, MailServer mail) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.mail = mail;
    }

    /**
     * Starts everything; if one component fails, those already started are stopped before the exception
     * propagates.
     */
    public static LocalInfra start(Path dataDir, int kafkaPort, int kafkaControllerPort, int pgPort, int smtpPort,
            int imapPort, List<String> databases) {
        Path root = dataDir.toAbsolutePath();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            KafkaBroker kafka = KafkaBroker.start(root.resolve("kafka"), kafkaPort, kafkaControllerPort);
            started.add(kafka);
            TopicSetup.createAll(kafka.bootstrapServers());
            Postgres postgres = Postgres.start(root.resolve("postgres"), pgPort);
            started.add(postgres);
            databases.forEach(postgres::ensureDatabase);
            MailServer mail = MailServer.start("127.0.0.1", smtpPort, imapPort);
            return new LocalInfra(kafka, postgres, mail);
        } catch (RuntimeException | Error e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public Postgres postgres() {
        return postgres;
    }

    public MailServer mail() {
        return mail;
    }

    /** Stops the mail server, PostgreSQL and Kafka, in that order; every one is tried even if another fails. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable component : List.of(mail, postgres, kafka)) {
            try {
                component.close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", component, e.toString());
            }
        }
    }
}
