package ru.getmark.support.ticket.repository;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Tells a database outage from a failure of one message: a registration that failed for no known reason is parked on
 * the dead-letter topic only if the database answers (the message itself is the problem); while it does not, the
 * message waits (a database restart must not send a batch of good requests to the DLQ).
 */
@ApplicationScoped
public class DatabaseProbe {

    private final DataSource dataSource;

    public DatabaseProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return whether a connection can be had and answers {@code select 1} (outside any transaction) */
    public boolean reachable() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(5);
            statement.execute("select 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
