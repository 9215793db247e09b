package ru.getmark.support.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 17 server from the zonky embedded binaries (Maven Central), started as a child process.
 * <p>
 * zonky tunes its server for throw-away test databases ({@code fsync=off}, {@code synchronous_commit=off}); here
 * both are on, because the product's guarantees (the outbox, "a crash loses nothing") are tested against this
 * server and the local stack keeps its tickets in it. It listens on 127.0.0.1 only, with trust authentication for
 * local connections: user {@value #USER}, any password.
 * <p>
 * A persistent data directory ({@link #start}) is initialised once and reused; a temporary one
 * ({@link #startTemporary}) is deleted on {@link #close()}. The server's own log goes to a {@code .log} file next to
 * the data directory.
 */
public final class Postgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Postgres.class);

    public static final String USER = "postgres";
    /** Ignored by the server (trust authentication on loopback), given so that clients have something to send. */
    public static final String PASSWORD = "postgres";
    private static final String HOST = "127.0.0.1";
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String DUPLICATE_DATABASE = "42P04";

    /** The running server; {@code null} for a {@link #view view} of a server owned elsewhere. */
    private final EmbeddedPostgres server;
    private final int port;
    private final Path dataDir;
    private final boolean temporary;
    private final Optional<ProcessHandle> postmaster;
    private boolean closed;

    private Postgres(EmbeddedPostgres server, int port, Path dataDir, boolean temporary) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.postmaster = server == null ? Optional.empty() : postmasterOf(dataDir);
    }

    /**
     * A handle on a server that another owner started and will stop (the test resource shares one server per JVM
     * across Quarkus' class loaders); its {@link #close()} does nothing.
     */
    static Postgres view(int port, Path dataDir) {
        return new Postgres(null, port, dataDir, false);
    }

    /**
     * Starts PostgreSQL on a persistent data directory, initialising it when it is empty.
     *
     * @param dataDir the data directory (kept across restarts)
     * @param port    the port, 0 = a free port
     */
    public static Postgres start(Path dataDir, int port) {
        return start(dataDir.toAbsolutePath(), port, false);
    }

    /**
     * Starts PostgreSQL on a fresh temporary data directory that {@link #close()} deletes. A temporary server
     * left running by a JVM that was killed is stopped here too.
     */
    public static Postgres startTemporary(int port) {
        Path parent = TempDirs.create("getmark-postgres-", abandoned -> {
            try {
                stopOrphan(abandoned.resolve("data"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return start(parent.resolve("data"), port, true);
    }

    private static Postgres start(Path dataDir, int port, boolean temporary) {
        int actualPort = Ports.orFree(port);
        long started = System.nanoTime();
        try {
            Files.createDirectories(dataDir.getParent());
            stopOrphan(dataDir);
            File log = logFile(dataDir).toFile();
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    // never let zonky re-initialise (clean = initdb again) a persistent directory
                    .setCleanDataDirectory(false)
                    .setPort(actualPort)
                    .setServerConfig("listen_addresses", HOST)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "200")
                    // libc locale C exists everywhere; the built-in C.UTF-8 provider (PostgreSQL 17) still gives
                    // Unicode upper()/lower()/ILIKE for Cyrillic names, independent of the host's locales
                    .setLocaleConfig("locale", "C")
                    .setLocaleConfig("locale-provider", "builtin")
                    .setLocaleConfig("builtin-locale", "C.UTF-8")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(Redirect.appendTo(log))
                    .setErrorRedirector(Redirect.appendTo(log))
                    .start();
            Postgres postgres = new Postgres(server, actualPort, dataDir, temporary);
            LOG.info("PostgreSQL ready on {}:{} (data in {}) after {} ms", HOST, actualPort, dataDir,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return postgres;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not start PostgreSQL in " + dataDir + " (see " + logFile(dataDir)
                    + "): " + e.getMessage(), e);
        }
    }

    private static Path logFile(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + ".log");
    }

    /**
     * A postmaster left running by a JVM that was killed (no shutdown hook ran) still holds the data directory and
     * would make the next start fail. Stop it the way {@code pg_ctl stop -m fast} does (SIGINT).
     */
    private static void stopOrphan(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        Optional<ProcessHandle> orphan = lines.isEmpty() ? Optional.empty()
                : parsePid(lines.get(0)).flatMap(ProcessHandle::of)
                        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return; // a stale pid file: postgres itself ignores it
        }
        ProcessHandle process = orphan.get();
        ensureNoLiveOwner(dataDir);
        LOG.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier run", process.pid(), dataDir);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("PostgreSQL (pid " + process.pid() + ") on " + dataDir
                    + " is still running; stop it and start again", e);
        }
    }

    /**
     * zonky holds a file lock on {@code epg-lock} in the data directory for as long as its JVM runs the server:
     * a lock that can be taken means the owner is gone and the server really is an orphan.
     */
    private static void ensureNoLiveOwner(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("PostgreSQL on " + dataDir + " is in use by another running process");
            }
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("PostgreSQL on " + dataDir + " is already running in this JVM", e);
        }
    }

    private static Optional<ProcessHandle> postmasterOf(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Creates the database unless it exists.
     *
     * @param name lower-case letters, digits and underscores (it becomes an SQL identifier)
     */
    public void ensureDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD)) {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + name);
                LOG.info("Created database {}", name);
            }
        } catch (SQLException e) {
            if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                throw new IllegalStateException("Could not create database " + name, e);
            }
        }
    }

    /**
     * Closes a database to every new connection and cuts the open ones, or opens it again: a database outage as the
     * services see it ("database is not currently accepting connections"), for tests of what they do meanwhile. The
     * server itself keeps running (other databases, and the test's own checks, are not affected).
     *
     * @param name      a database of this server (lower-case letters, digits and underscores)
     * @param accepting false to close it and cut its connections, true to open it again
     */
    public void acceptConnections(String name, boolean accepting) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
             Statement alter = c.createStatement()) {
            alter.execute("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS " + accepting);
            if (!accepting) {
                try (PreparedStatement cut = c.prepareStatement(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?")) {
                    cut.setString(1, name);
                    cut.execute();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not " + (accepting ? "open" : "close") + " database " + name, e);
        }
    }

    /**
     * Writes every dirty page out now ({@code CHECKPOINT}), so that what comes next does not pay for the writes before
     * it: the next automatic checkpoint is far away, and the first change of each page after it writes a full-page
     * image (deploy/local's benchmark runs one before each of its two registration runs).
     */
    public void checkpoint() {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
             Statement statement = c.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new IllegalStateException("CHECKPOINT failed", e);
        }
    }

    /** JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Stops the server ({@code pg_ctl stop -m fast}, waiting for it) and, for a temporary directory, deletes it.
     * Does nothing on a handle given out by {@link InfraTestResource}: the resource stops the shared server.
     */
    @Override
    public synchronized void close() {
        if (closed || server == null) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("Stopping PostgreSQL on port {} failed: {}", port(), e.toString());
        }
        // pg_ctl returns once the pid file is gone, a moment before the postmaster has exited: wait for the process
        postmaster.ifPresent(process -> {
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.warn("PostgreSQL postmaster (pid {}) on {} is still running after stop", process.pid(), dataDir);
            }
        });
        if (temporary) {
            deleteRecursively(dataDir.getParent());
        }
        LOG.info("PostgreSQL on port {} stopped", port());
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.debug("Could not delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.debug("Could not delete {}: {}", dir, e.toString());
        }
    }

    @Override
    public String toString() {
        return "Postgres[" + HOST + ":" + port() + ", " + dataDir + "]";
    }
}
