package ru.getmark.support.infra;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real infrastructure for a service's {@code @QuarkusTest}: a Kafka broker (always, with every topic created before
 * {@link #start()} returns), PostgreSQL (init arg {@code database}: the database to create) and the GreenMail SMTP
 * + IMAP server (init arg {@code mail=true}).
 *
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(value = InfraTestResource.class, initArgs = {
 *         @ResourceArg(name = "database", value = "tickets"),
 *         @ResourceArg(name = "mail", value = "true")})
 * class SomeTest {
 *     @InjectInfra Infra infra;
 * }
 * }</pre>
 *
 * The returned configuration points the application at them: {@code kafka.bootstrap.servers},
 * {@code quarkus.datasource.jdbc.url|username|password}, {@code getmark.mail.smtp.host|port},
 * {@code getmark.mail.imap.port}.
 * <p>
 * Kafka and PostgreSQL are started once per JVM and shared by every test class ({@link SharedInfra} explains how,
 * across Quarkus' class loaders, and when they stop). The mail server is shared by the test classes of one
 * application start: tests use the {@code GreenMail} object itself, which cannot cross class loaders, and it
 * starts in a fraction of a second; it stops with the last test class that uses it.
 */
public class InfraTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: the database the application uses; absent = no PostgreSQL. */
    public static final String DATABASE = "database";
    /** Init arg: {@code "true"} starts the mail server. */
    public static final String MAIL = "mail";

    private static MailServer mail;
    private static int mailUsers;

    private String database;
    private boolean withMail;
    private Infra infra;
    private boolean acquired;
    private boolean mailAcquired;

    @Override
    public void init(Map<String, String> initArgs) {
        String db = initArgs.get(DATABASE);
        this.database = db == null || db.isBlank() ? null : db.trim();
        this.withMail = Boolean.parseBoolean(initArgs.getOrDefault(MAIL, "false").trim());
    }

    @Override
    public Map<String, String> start() {
        SharedInfra.call("acquire");
        acquired = true;
        Map<String, String> config = new HashMap<>();
        String bootstrapServers = SharedInfra.call("kafka");
        config.put("kafka.bootstrap.servers", bootstrapServers);

        Postgres postgres = null;
        if (database != null) {
            Map<String, String> server = SharedInfra.call("postgres");
            postgres = Postgres.view(Integer.parseInt(server.get("port")), Path.of(server.get("dataDir")));
            postgres.ensureDatabase(database);
            config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(database));
            config.put("quarkus.datasource.username", postgres.username());
            config.put("quarkus.datasource.password", postgres.password());
        }
        MailServer mailServer = null;
        if (withMail) {
            mailServer = acquireMail();
            mailAcquired = true;
            config.put("getmark.mail.smtp.host", mailServer.host());
            config.put("getmark.mail.smtp.port", Integer.toString(mailServer.smtpPort()));
            config.put("getmark.mail.imap.port", Integer.toString(mailServer.imapPort()));
        }
        infra = new Infra(bootstrapServers, postgres, database, mailServer);
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(infra, new TestInjector.AnnotatedAndMatchesType(InjectInfra.class, Infra.class));
    }

    @Override
    public void stop() {
        if (mailAcquired) {
            mailAcquired = false;
            releaseMail();
        }
        if (acquired) {
            acquired = false;
            SharedInfra.call("release");
        }
    }

    private static synchronized MailServer acquireMail() {
        if (mail == null) {
            mail = MailServer.start("127.0.0.1", 0, 0);
        }
        mailUsers++;
        return mail;
    }

    private static synchronized void releaseMail() {
        if (--mailUsers == 0) {
            mail.close();
            mail = null;
        }
    }
}
