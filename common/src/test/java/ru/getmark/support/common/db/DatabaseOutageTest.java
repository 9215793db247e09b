package ru.getmark.support.common.db;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseOutageTest {

    @Test
    @DisplayName("Pauses while the database is away grow from 200 ms and stop at 30 s")
    void pausesGrowToACap() {
        assertThat(DatabaseOutage.pause(0).toMillis()).isEqualTo(200);
        assertThat(DatabaseOutage.pause(1).toMillis()).isEqualTo(400);
        assertThat(DatabaseOutage.pause(3).toMillis()).isEqualTo(1600);
        assertThat(DatabaseOutage.pause(7).toMillis()).isEqualTo(25_600);
        assertThat(DatabaseOutage.pause(8)).isEqualTo(DatabaseOutage.MAX_PAUSE);
        assertThat(DatabaseOutage.pause(1000)).isEqualTo(DatabaseOutage.MAX_PAUSE);
        assertThat(DatabaseOutage.pause(-1).toMillis()).isEqualTo(200);
    }

    @Test
    @DisplayName("A data source that cannot give a connection is not reachable (the failure is not thrown)")
    void refusedConnectionIsUnreachable() {
        assertThat(DatabaseOutage.reachable(new RefusingDataSource())).isFalse();
    }

    /** Refuses every connection, as a pool does while PostgreSQL is down. */
    private static final class RefusingDataSource implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException("Connection refused", "08001");
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
