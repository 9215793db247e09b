package ru.getmark.support.adapter.attachment;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import ru.getmark.support.common.event.AttachmentRef;
import ru.getmark.support.infra.Postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The claim check's SQL against a real PostgreSQL (deploy/infra's embedded server) and the DDL this library ships:
 * what an adapter's migration creates is what the repository expects. Outside Quarkus, so without JTA: each statement
 * commits on its own here.
 */
@DisplayName("Claim check: files stored once, found again, served by id")
class ClaimCheckTest {

    static final Instant NOW = Instant.parse("2026-03-02T09:15:00Z");

    static Postgres postgres;
    static AttachmentRepository repository;
    static ClaimCheck claimCheck;

    @BeforeAll
    static void startDatabase() throws IOException, SQLException {
        postgres = Postgres.startTemporary(0);
        postgres.ensureDatabase("adapter_support");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(postgres.jdbcUrl("adapter_support"));
        dataSource.setUser(postgres.username());
        dataSource.setPassword(postgres.password());
        try (InputStream ddl = ClaimCheck.class.getResourceAsStream("/getmark/adapter-support/claim-check.sql");
             Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(ddl).as("the DDL resource in the jar").isNotNull();
            statement.execute(new String(ddl.readAllBytes(), StandardCharsets.UTF_8));
        }
        repository = new AttachmentRepository(dataSource);
        claimCheck = new ClaimCheck(repository, "https://files.getmark.test/", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void stopDatabase() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aStoredFileIsReferencedAndServedByItsId() {
        UUID id = UUID.randomUUID();
        byte[] bytes = "лог кассы".getBytes(StandardCharsets.UTF_8);

        AttachmentRef ref = claimCheck.store(id, "msg-1", " касса.log ", "text/plain", bytes);

        assertThat(ref.url()).isEqualTo("https://files.getmark.test/api/attachments/" + id);
        assertThat(ref.name()).isEqualTo("касса.log");
        assertThat(ref.size()).isEqualTo(bytes.length);
        assertThat(ref.sha256()).isEqualTo(ClaimCheck.sha256(bytes)).hasSize(64);
        StoredContent file = claimCheck.find(id).orElseThrow();
        assertThat(file.content()).isEqualTo(bytes);
        assertThat(file.fileName()).isEqualTo("касса.log");
        assertThat(file.contentType()).isEqualTo("text/plain");
        assertThat(repository.files("msg-1")).singleElement()
                .satisfies(f -> assertThat(f.storedAt()).isEqualTo(NOW))
                .satisfies(f -> assertThat(f.id()).isEqualTo(id));
    }

    @Test
    void theSameFileTwiceIsOneRowAndTheSameBytesOnce() {
        UUID id = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        byte[] bytes = ("screenshot " + id).getBytes(StandardCharsets.UTF_8);

        AttachmentRef first = claimCheck.store(id, "msg-2", "a.png", "image/png", bytes);
        AttachmentRef again = claimCheck.store(id, "msg-2", "a.png", "image/png", bytes);
        claimCheck.store(other, "msg-3", "b.png", "image/png", bytes);

        assertThat(again).isEqualTo(first);
        assertThat(repository.files("msg-2")).hasSize(1);
        assertThat(repository.contentCount(ClaimCheck.sha256(bytes))).isEqualTo(1);
        assertThat(claimCheck.find(other).orElseThrow().fileName()).isEqualTo("b.png");
    }

    @Test
    void aNamelessUntypedEmptyFileGetsDefaults() {
        UUID id = UUID.randomUUID();

        AttachmentRef ref = claimCheck.store(id, "msg-4", "  ", null, null);

        assertThat(ref.name()).isEqualTo("file");
        assertThat(ref.contentType()).isEqualTo("application/octet-stream");
        assertThat(ref.size()).isZero();
        assertThat(claimCheck.find(id).orElseThrow().content()).isEmpty();
        assertThat(ClaimCheck.fileName("x".repeat(300))).hasSize(ClaimCheck.MAX_NAME);
    }

    @Test
    void anUnknownIdIsNothing() {
        assertThat(claimCheck.find(UUID.randomUUID())).isEmpty();
        assertThat(repository.files("no-such-message")).isEmpty();
        assertThat(repository.contentCount("0".repeat(64))).isZero();
    }

    @Test
    void aFileWithoutItsContentIsRefusedByTheDatabase() {
        StoredFile orphan = new StoredFile(UUID.randomUUID(), "msg-5", "x", "text/plain", 1, "f".repeat(64), NOW);

        assertThatThrownBy(() -> repository.saveFile(orphan))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Claim check");
    }
}
