package ru.getmark.support.infra;

/**
 * What a test may touch directly: the real Kafka broker, and PostgreSQL and the mail server when the test asked
 * for them (init args {@code database} and {@code mail} of {@link InfraTestResource}).
 */
public final class Infra {

    private final String bootstrapServers;
    private final Postgres postgres;
    private final String database;
    private final MailServer mail;

    Infra(String bootstrapServers, Postgres postgres, String database, MailServer mail) {
        this.bootstrapServers = bootstrapServers;
        this.postgres = postgres;
        this.database = database;
        this.mail = mail;
    }

    /** {@code bootstrap.servers} of the broker, for a test's own producer, consumer or admin client. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The PostgreSQL server; only when the test resource was given a {@code database}. */
    public Postgres postgres() {
        if (postgres == null) {
            throw new IllegalStateException("No PostgreSQL for this test: add @ResourceArg(name = \"database\", "
                    + "value = \"<name>\") to @WithTestResource(InfraTestResource.class)");
        }
        return postgres;
    }

    /** The database the application uses (the {@code database} init arg). */
    public String database() {
        postgres();
        return database;
    }

    /** JDBC URL of the application's database, for a test's own queries. */
    public String jdbcUrl() {
        return postgres().jdbcUrl(database);
    }

    /** The mail server; only when the test resource was given {@code mail=true}. */
    public MailServer mail() {
        if (mail == null) {
            throw new IllegalStateException("No mail server for this test: add @ResourceArg(name = \"mail\", "
                    + "value = \"true\") to @WithTestResource(InfraTestResource.class)");
        }
        return mail;
    }

    @Override
    public String toString() {
        return "Infra[kafka " + bootstrapServers + (postgres != null ? ", " + postgres.jdbcUrl(database) : "")
                + (mail != null ? ", " + mail : "") + "]";
    }
}
