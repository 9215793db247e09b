-- intake-email's own tables (database "email"). No email address is kept except where an auto-reply still has to be
-- sent (auto_reply.recipient); everything else keys on SHA-256 hashes of lower-cased addresses.

-- Claim check (ARCHITECTURE.md): the bytes of every file once, whatever message and name they came with.
CREATE TABLE attachment_content (
    sha256     CHAR(64)    NOT NULL PRIMARY KEY,  -- hex SHA-256 of the bytes
    size       BIGINT      NOT NULL,
    content    BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- One row per file of a message: what the AttachmentRef published on getmark.intake.v1 points at
-- (<getmark.public-url>/api/attachments/<id>). The id is derived from (messageId, position, sha256), so a message
-- read again after a crash gets the same ids and the same references.
CREATE TABLE attachment (
    id           UUID         NOT NULL PRIMARY KEY,
    message_id   VARCHAR(512) NOT NULL,             -- IntakeMessage.messageId
    position     INT          NOT NULL,             -- order in the message, from 0
    file_name    VARCHAR(500) NOT NULL,
    content_type VARCHAR(200) NOT NULL,
    size         BIGINT       NOT NULL,
    sha256       CHAR(64)     NOT NULL REFERENCES attachment_content (sha256),
    inline       BOOLEAN      NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX attachment_message_idx ON attachment (message_id);
CREATE INDEX attachment_sha256_idx ON attachment (sha256);

-- The TicketDirectory: what email needs to know about tickets, projected from getmark.ticket-events.v1 (consumer
-- group intake-email). Upserted per event; an older event never overwrites a newer one.
CREATE TABLE known_ticket (
    number                VARCHAR(50)  NOT NULL PRIMARY KEY,
    customer_email_sha256 CHAR(64),                -- TicketDirectory.emailSha256 of the customer's address
    inn                   VARCHAR(12),
    status                VARCHAR(40)  NOT NULL,   -- TicketStatus JSON code
    closed                BOOLEAN      NOT NULL,
    last_event_at         TIMESTAMPTZ  NOT NULL,   -- occurredAt of the newest event applied
    last_event_id         VARCHAR(100) NOT NULL,
    updated_at            TIMESTAMPTZ  NOT NULL
);

-- Auto-replies and flood notices: queued while the message is handled (before the IMAP flag), sent by a worker with
-- retries. reply_key makes "once per message" (and "once per flood window") hold across re-reads, crashes and
-- replicas.
CREATE TABLE auto_reply (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reply_key        VARCHAR(600)  NOT NULL,  -- 'message:<messageId>' or 'flood:<sender hash>:<window start millis>'
    kind             VARCHAR(20)   NOT NULL,  -- REJECTION, FLOOD
    message_id       VARCHAR(512)  NOT NULL,  -- the message that caused it
    recipient        VARCHAR(320)  NOT NULL,
    recipient_hash   CHAR(64)      NOT NULL,
    subject          VARCHAR(1000) NOT NULL,
    body             TEXT          NOT NULL,
    in_reply_to      VARCHAR(1000),
    references_hdr   TEXT,
    reply_message_id VARCHAR(300)  NOT NULL,  -- the stable Message-ID of the reply itself
    status           VARCHAR(10)   NOT NULL,
    attempts         INT           NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ   NOT NULL,
    last_error       VARCHAR(2000),
    created_at       TIMESTAMPTZ   NOT NULL,
    sent_at          TIMESTAMPTZ,
    CONSTRAINT auto_reply_once UNIQUE (reply_key),
    CONSTRAINT auto_reply_status CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    CONSTRAINT auto_reply_kind CHECK (kind IN ('REJECTION', 'FLOOD'))
);
CREATE INDEX auto_reply_pending_idx ON auto_reply (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX auto_reply_flood_idx ON auto_reply (recipient_hash, created_at) WHERE kind = 'FLOOD';

-- Flood guard: which messages a sender sent when (the mail server's arrival time). A message read again counts once
-- and keeps its place (seq) in the sender's order. Rows well past the window are deleted by the sweep.
CREATE TABLE sender_message (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY,
    sender_hash CHAR(64)     NOT NULL,
    message_id  VARCHAR(512) NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL,
    CONSTRAINT sender_message_pk PRIMARY KEY (sender_hash, message_id)
);
CREATE INDEX sender_message_window_idx ON sender_message (sender_hash, received_at);

-- Replicas reading the same mailbox: a message is handled by the replica holding its lease. A crashed replica's
-- lease runs out and another takes the message over.
CREATE TABLE message_claim (
    message_id  VARCHAR(512) NOT NULL PRIMARY KEY,
    owner       VARCHAR(64)  NOT NULL,
    lease_until TIMESTAMPTZ  NOT NULL
);
CREATE INDEX message_claim_lease_idx ON message_claim (lease_until);
