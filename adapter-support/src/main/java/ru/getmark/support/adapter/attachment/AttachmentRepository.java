package ru.getmark.support.adapter.attachment;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The claim-check tables ({@code attachment_content}, {@code attachment}; DDL in
 * {@code getmark/adapter-support/claim-check.sql}, created by each adapter's own Flyway migration). Plain JDBC on the
 * service's default datasource, not Hibernate entities: a library cannot add entities to an adapter's persistence
 * unit without surprises, and an adapter without files (intake-phone) has no datasource at all. Inside a JTA
 * transaction the pool hands out the transaction's connection, so these statements commit or roll back with the
 * caller's. Every insert is idempotent: a message handled twice changes nothing.
 */
@ApplicationScoped
@IfBuildProperty(name = ClaimCheck.ENABLED, stringValue = "true", enableIfMissing = true)
public class AttachmentRepository {

    private final DataSource dataSource;

    AttachmentRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the bytes unless a file with the same SHA-256 is there already. */
    public void saveContent(String sha256, byte[] content, Instant now) {
        update("storing attachment content", """
                INSERT INTO attachment_content (sha256, size, content, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (sha256) DO NOTHING""", sha256, (long) content.length, content, timestamp(now));
    }

    /** Records one file unless it is recorded already (same id); its content must be saved first. */
    public void saveFile(StoredFile file) {
        update("storing an attachment", """
                        INSERT INTO attachment (id, source_id, file_name, content_type, size, sha256, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""", file.id(), file.sourceId(), file.fileName(),
                file.contentType(), file.size(), file.sha256(), timestamp(file.storedAt()));
    }

    /** The file behind a reference id, with its bytes. */
    public Optional<StoredContent> find(UUID id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT a.file_name, a.content_type, a.sha256, c.content
                     FROM attachment a JOIN attachment_content c ON c.sha256 = a.sha256
                     WHERE a.id = ?""")) {
            statement.setObject(1, id);
            try (ResultSet row = statement.executeQuery()) {
                return row.next()
                        ? Optional.of(new StoredContent(row.getString(1), row.getString(2), row.getString(3).strip(),
                        row.getBytes(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("reading an attachment", e);
        }
    }

    /** The files stored for one source (message, update, MessageSid), oldest first. */
    public List<StoredFile> files(String sourceId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT id, source_id, file_name, content_type, size, sha256, created_at
                     FROM attachment WHERE source_id = ? ORDER BY created_at, id""")) {
            statement.setString(1, sourceId);
            List<StoredFile> files = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    files.add(new StoredFile(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                            row.getString(4), row.getLong(5), row.getString(6).strip(),
                            row.getObject(7, OffsetDateTime.class).toInstant()));
                }
            }
            return files;
        } catch (SQLException e) {
            throw failure("listing attachments", e);
        }
    }

    /** How many times these bytes are stored: 1 once stored (deduplicated), else 0. */
    public long contentCount(String sha256) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM attachment_content WHERE sha256 = ?")) {
            statement.setString(1, sha256);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("counting attachment content", e);
        }
    }

    private void update(String what, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("Claim check: " + what + " failed: " + e.getMessage(), e);
    }
}
