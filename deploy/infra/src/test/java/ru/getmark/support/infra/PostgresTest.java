package ru.getmark.support.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PostgresTest {

    /** Every postmaster this test saw; whatever still runs after a failed assertion is stopped (fast shutdown). */
    private final List<ProcessHandle> seen = new ArrayList<>();

    @AfterEach
    void stopLeftovers() throws Exception {
        for (ProcessHandle p : seen) {
            if (p.isAlive()) {
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            }
        }
    }

    @Test
    @DisplayName("PostgreSQL 17 is durable (fsync, synchronous_commit on), loopback only, keeps rows across a restart, "
            + "leaves no process behind, and a server orphaned by a killed JVM is stopped by the next run")
    void durableRestartableAndClean() throws Exception {
        // shaped like a temporary directory, so that the last step can play "the JVM that owned it was killed"
        Path root = Files.createTempDirectory("getmark-postgres-");
        Path data = root.resolve("data");
        List<ProcessHandle> processes;
        int port;
        try (Postgres pg = Postgres.start(data, 0)) {
            port = pg.port();
            pg.ensureDatabase("tickets");
            pg.ensureDatabase("tickets"); // idempotent
            assertThatThrownBy(() -> pg.ensureDatabase("tickets; DROP DATABASE postgres"))
                    .isInstanceOf(IllegalArgumentException.class);
            try (Connection c = connect(pg, "tickets"); Statement s = c.createStatement()) {
                assertThat(single(s, "SHOW server_version")).startsWith("17.");
                assertThat(single(s, "SHOW fsync")).isEqualTo("on");
                assertThat(single(s, "SHOW synchronous_commit")).isEqualTo("on");
                assertThat(single(s, "SHOW listen_addresses")).isEqualTo("127.0.0.1");
                assertThat(single(s, "SELECT upper('Иванов ё')")).isEqualTo("ИВАНОВ Ё");
                s.execute("CREATE TABLE ticket (number text PRIMARY KEY, customer text NOT NULL)");
                s.execute("INSERT INTO ticket VALUES ('GM-000001', 'ООО Ромашка')");
            }
            processes = postmasterAndChildren(data);
            seen.addAll(processes);
            assertThat(processes).as("postmaster and its workers").hasSizeGreaterThan(1);
        }
        assertThat(processes).as("no PostgreSQL process outlives close()").noneMatch(ProcessHandle::isAlive);
        assertThat(pgrep(data)).isEmpty();

        // a JVM that runs it is killed (no shutdown hook): its server keeps running, an orphan
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process owner = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                OrphanMaker.class.getName(), data.toString(), Integer.toString(port))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream()))) {
            assertThat(out.readLine()).isEqualTo("READY");
            processes = postmasterAndChildren(data);
            seen.addAll(processes);
            try (Postgres view = Postgres.view(port, data); Connection c = connect(view, "tickets");
                    Statement s = c.createStatement()) {
                assertThat(single(s, "SELECT customer FROM ticket WHERE number = 'GM-000001'"))
                        .as("the restarted server keeps the row").isEqualTo("ООО Ромашка");
            }
        } finally {
            owner.destroyForcibly().waitFor();
        }
        assertThat(processes.get(0).isAlive()).as("the orphaned postmaster is still running").isTrue();
        Files.writeString(root.resolve("owner.pid"), Long.toString(owner.pid()));

        // the next temporary server stops the orphan and deletes its files
        try (Postgres temporary = Postgres.startTemporary(0)) {
            assertThat(processes).as("the orphaned server was stopped").noneMatch(ProcessHandle::isAlive);
            assertThat(root).doesNotExist();
            assertThat(temporary.dataDir()).exists();
            processes = postmasterAndChildren(temporary.dataDir());
            seen.addAll(processes);
        }
        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(pgrep(root.getParent())).as("no getmark PostgreSQL in the temp directory").noneMatch(
                l -> l.contains(root.toString()));
    }

    @Test
    @DisplayName("A database can be closed to its clients (open connections cut, new ones refused) and opened again, "
            + "while the server and its other databases go on")
    void databaseClosedAndOpenedAgain() throws Exception {
        try (Postgres pg = Postgres.startTemporary(0)) {
            seen.addAll(postmasterAndChildren(pg.dataDir()));
            pg.ensureDatabase("outage");
            Connection open = connect(pg, "outage");
            try {
                pg.acceptConnections("outage", false);
                assertThatThrownBy(() -> single(open.createStatement(), "SELECT 1"))
                        .as("an open connection is cut").isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> connect(pg, "outage")).isInstanceOf(SQLException.class)
                        .hasMessageContaining("not currently accepting connections");
                try (Connection other = connect(pg, "postgres"); Statement s = other.createStatement()) {
                    assertThat(single(s, "SELECT 1")).isEqualTo("1");
                }
            } finally {
                open.close();
            }
            pg.acceptConnections("outage", true);
            try (Connection again = connect(pg, "outage"); Statement s = again.createStatement()) {
                assertThat(single(s, "SELECT 1")).isEqualTo("1");
            }
            assertThatThrownBy(() -> pg.acceptConnections("outage; DROP DATABASE postgres", false))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static Connection connect(Postgres pg, String db) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(db), pg.username(), pg.password());
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    /** The postmaster (from postmaster.pid) and every process it started. */
    static List<ProcessHandle> postmasterAndChildren(Path data) throws Exception {
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<ProcessHandle> all = new ArrayList<>();
        all.add(postmaster);
        postmaster.descendants().forEach(all::add);
        return all;
    }

    /** {@code pgrep -af postgres} lines that mention the data directory. */
    static List<String> pgrep(Path data) throws Exception {
        Process p = new ProcessBuilder("pgrep", "-af", "postgres").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.lines().filter(l -> l.contains(data.toString())).toList();
    }
}
