package ru.getmark.support.ticket.testing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A lock held by a transaction of the test's own, so that concurrent actions queue on it in a state the test
 * controls; {@link #release()} commits (letting them through), {@link #close()} rolls back what was not released.
 */
public final class HeldLock implements AutoCloseable {

    private final Connection connection;

    private HeldLock(Connection connection) {
        this.connection = connection;
    }

    /** A ticket row held for update: racers read the ticket and then queue on their {@code update ticket}. */
    public static HeldLock ticketRow(DataSource dataSource, String number) throws SQLException {
        return hold(dataSource, "select id from ticket where number = ? for no key update", number);
    }

    /** A table no one may write until released (e.g. a follow-up's message-id claim waits on it). */
    public static HeldLock table(DataSource dataSource, String table) throws SQLException {
        return hold(dataSource, "lock table " + table + " in share mode");
    }

    private static HeldLock hold(DataSource dataSource, String sql, Object... params) throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        HeldLock lock = new HeldLock(c);
        lock.execute(sql, params);
        return lock;
    }

    /** Runs a statement inside the holding transaction (e.g. a concurrent change that commits on release). */
    public void execute(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.execute();
        }
    }

    public void release() throws SQLException {
        connection.commit();
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.setAutoCommit(true);
            connection.close();
        }
    }
}
