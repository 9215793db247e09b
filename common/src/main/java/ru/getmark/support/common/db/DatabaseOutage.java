package ru.getmark.support.common.db;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Tells a database outage from a failure of one message, for the consumers that park poison messages on a
 * dead-letter topic: a message that failed for no known reason is parked only if the database answers (the message
 * itself is the problem); while it does not (an outage, a restart, a fail-over) the message waits, with pauses that
 * grow from 200 ms to {@link #MAX_PAUSE}, because parking every good message of a batch during a database restart
 * would turn a short outage into work for ops.
 */
public final class DatabaseOutage {

    /** The longest pause between two attempts while the database does not answer. */
    public static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private DatabaseOutage() {
    }

    /** @return whether a connection can be had and answers {@code select 1} within 5 s (outside any transaction) */
    public static boolean reachable(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(5);
            statement.execute("select 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** The pause before attempt {@code attempt + 1} (0-based): 200 ms, doubling, at most {@link #MAX_PAUSE}. */
    public static Duration pause(int attempt) {
        long millis = 200L << Math.min(Math.max(attempt, 0), 16);
        return millis >= MAX_PAUSE.toMillis() ? MAX_PAUSE : Duration.ofMillis(millis);
    }
}
