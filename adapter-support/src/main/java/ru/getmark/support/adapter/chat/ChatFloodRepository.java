package ru.getmark.support.adapter.chat;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Inputs per chat and fixed window ({@code chat_flood}, DDL in {@code getmark/adapter-support/chat.sql}), shared by
 * the replicas. Plain JDBC on the default datasource: inside a JTA transaction the statements use the transaction's
 * connection.
 */
@ApplicationScoped
@IfBuildProperty(name = ChatBeans.ENABLED, stringValue = "true")
public class ChatFloodRepository {

    /** The count after this input, and whether the chat was already told to slow down in this window. */
    public record Count(int inputs, boolean warned) {
    }

    private final DataSource dataSource;

    ChatFloodRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Counts one input of the chat in the window starting at {@code windowStart}. */
    public Count increment(String chatKey, Instant windowStart) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     INSERT INTO chat_flood (chat_key, window_start, inputs) VALUES (?, ?, 1)
                     ON CONFLICT (chat_key, window_start) DO UPDATE SET inputs = chat_flood.inputs + 1
                     RETURNING inputs, warned""")) {
            statement.setString(1, chatKey);
            statement.setObject(2, timestamp(windowStart));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new Count(row.getInt(1), row.getBoolean(2));
            }
        } catch (SQLException e) {
            throw failure("counting an input", e);
        }
    }

    /** Records that the chat was told to slow down in this window. */
    public void markWarned(String chatKey, Instant windowStart) {
        update("marking a chat warned", "UPDATE chat_flood SET warned = TRUE WHERE chat_key = ? AND window_start = ?",
                chatKey, timestamp(windowStart));
    }

    /** Deletes the windows that started before the cutoff; @return how many. */
    public int deleteBefore(Instant cutoff) {
        return update("deleting old windows", "DELETE FROM chat_flood WHERE window_start < ?", timestamp(cutoff));
    }

    private int update(String what, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("Chat flood counts: " + what + " failed: " + e.getMessage(), e);
    }
}
