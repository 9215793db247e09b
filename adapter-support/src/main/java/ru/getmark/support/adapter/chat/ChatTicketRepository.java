package ru.getmark.support.adapter.chat;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.common.dialog.DialogueContext;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat customers' tickets ({@code chat_ticket}, DDL in {@code getmark/adapter-support/chat.sql}), projected from
 * getmark.ticket-events.v1 by {@link ChatTicketProjection}: /status and "does this message belong to ticket N?". Plain
 * JDBC on the default datasource, like the claim check: inside a JTA transaction the pool hands out the transaction's
 * connection, so these statements commit or roll back with the caller's.
 */
@ApplicationScoped
@IfBuildProperty(name = ChatBeans.ENABLED, stringValue = "true")
public class ChatTicketRepository {

    /** The most open tickets one chat is shown. */
    static final int MAX_OPEN = 20;

    /** One ticket as the projection keeps it; {@code chatKey} null when the ticket did not come from a chat. */
    public record Row(String number, String chatKey, String status, String statusLabel, Instant deadline,
                      boolean awaitingAnswer, Confirmation confirmation, boolean closed, Instant lastEventAt) {
    }

    /**
     * What an event says about the solution's confirmation window: opened, ended, or nothing (keep the stored flag;
     * while it is set, a ticket in Закрытое stays open for the chat).
     */
    public enum Confirmation {
        AWAITING, NOT_AWAITING, UNCHANGED
    }

    private final DataSource dataSource;

    ChatTicketRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Upserts the row unless a newer event was applied already. A known chat key is kept when the event carries none.
     *
     * @return whether it changed
     */
    public boolean upsert(Row row, Instant now) {
        boolean unchanged = row.confirmation() == Confirmation.UNCHANGED;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     INSERT INTO chat_ticket (number, chat_key, status, status_label, deadline, awaiting_answer,
                                              awaiting_confirmation, closed, last_event_at, updated_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                     ON CONFLICT (number) DO UPDATE SET
                         chat_key = COALESCE(EXCLUDED.chat_key, chat_ticket.chat_key), status = EXCLUDED.status,
                         status_label = EXCLUDED.status_label, deadline = EXCLUDED.deadline,
                         awaiting_answer = EXCLUDED.awaiting_answer,
                         awaiting_confirmation = CASE WHEN ? THEN chat_ticket.awaiting_confirmation
                                                     ELSE EXCLUDED.awaiting_confirmation END,
                         closed = CASE WHEN ? THEN EXCLUDED.closed AND NOT chat_ticket.awaiting_confirmation
                                      ELSE EXCLUDED.closed END,
                         last_event_at = EXCLUDED.last_event_at, updated_at = EXCLUDED.updated_at
                     WHERE chat_ticket.last_event_at <= EXCLUDED.last_event_at""")) {
            statement.setString(1, row.number());
            statement.setString(2, row.chatKey());
            statement.setString(3, row.status());
            statement.setString(4, row.statusLabel());
            if (row.deadline() == null) {
                statement.setNull(5, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                statement.setObject(5, timestamp(row.deadline()));
            }
            statement.setBoolean(6, row.awaitingAnswer());
            statement.setBoolean(7, row.confirmation() == Confirmation.AWAITING);
            statement.setBoolean(8, row.closed());
            statement.setObject(9, timestamp(row.lastEventAt()));
            statement.setObject(10, timestamp(now));
            statement.setBoolean(11, unchanged);
            statement.setBoolean(12, unchanged);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("storing ticket " + row.number(), e);
        }
    }

    /** The chat's open tickets, newest first (at most {@value #MAX_OPEN}). */
    public List<DialogueContext.OpenTicket> openTickets(String chatKey) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT number, status_label, deadline, awaiting_answer, awaiting_confirmation
                     FROM chat_ticket WHERE chat_key = ? AND NOT closed
                     ORDER BY last_event_at DESC, number DESC LIMIT ?""")) {
            statement.setString(1, chatKey);
            statement.setInt(2, MAX_OPEN);
            List<DialogueContext.OpenTicket> open = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    OffsetDateTime deadline = row.getObject(3, OffsetDateTime.class);
                    open.add(new DialogueContext.OpenTicket(row.getString(1), row.getString(2),
                            deadline == null ? null : deadline.toInstant(), row.getBoolean(4), row.getBoolean(5)));
                }
            }
            return open;
        } catch (SQLException e) {
            throw failure("reading a chat's open tickets", e);
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("Chat tickets: " + what + " failed: " + e.getMessage(), e);
    }
}
