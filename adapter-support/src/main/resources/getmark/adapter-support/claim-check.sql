-- The claim-check tables adapter-support's AttachmentRepository reads and writes (ARCHITECTURE.md, claim check).
-- Not a migration: each adapter creates them in its own Flyway migration (copy this), because the schema belongs to
-- the adapter's database and its migration history.

-- The bytes of every file once, whatever message and name they came with.
CREATE TABLE attachment_content (
    sha256     CHAR(64)    NOT NULL PRIMARY KEY,  -- hex SHA-256 of the bytes
    size       BIGINT      NOT NULL,
    content    BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- One row per file a customer sent: what the AttachmentRef's URL (<getmark.public-url>/api/attachments/<id>) points at.
-- The id is derived by the adapter from the file's identity in its channel, so a message handled again gets the same
-- id. source_id: what the file came with, in the adapter's terms (message id, Telegram update id, MessageSid).
CREATE TABLE attachment (
    id           UUID         NOT NULL PRIMARY KEY,
    source_id    VARCHAR(512) NOT NULL,
    file_name    VARCHAR(500) NOT NULL,
    content_type VARCHAR(200) NOT NULL,
    size         BIGINT       NOT NULL,
    sha256       CHAR(64)     NOT NULL REFERENCES attachment_content (sha256),
    created_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX attachment_source_idx ON attachment (source_id);
CREATE INDEX attachment_sha256_idx ON attachment (sha256);
