-- intake-whatsapp's own tables (database "whatsapp"). Every replica shares them: any pod continues any conversation.

-- One row per customer's WhatsApp number (WaId, digits): the dialogue state (common's DialogueState as JSON), the
-- choices of the last message shown (numbered answers "1", "2" ... are read against them), and the customer's last
-- message time, which opens WhatsApp's 24-hour customer-service window.
CREATE TABLE conversation (
    wa_id           VARCHAR(20)  NOT NULL PRIMARY KEY,
    state           JSONB        NOT NULL,
    version         BIGINT       NOT NULL,
    choices         JSONB        NOT NULL DEFAULT '[]',
    profile_name    VARCHAR(300),
    last_inbound_at TIMESTAMPTZ,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);

-- The inbox. Twilio does not redeliver a WhatsApp webhook that failed, so the webhook only verifies the signature,
-- stores the form here and answers 200; a worker handles each number's messages in arrival order (seq). The
-- MessageSid key makes a repeated POST of the same message a no-op (R5). A row stays 'pending' until its dialogue
-- turn is done and Kafka acknowledged what it published; failures only move next_attempt_at (nothing is lost).
CREATE TABLE inbound_message (
    message_sid     VARCHAR(64)   NOT NULL PRIMARY KEY,
    seq             BIGSERIAL     NOT NULL UNIQUE,
    wa_id           VARCHAR(20)   NOT NULL,
    form            JSONB         NOT NULL,
    received_at     TIMESTAMPTZ   NOT NULL,
    status          VARCHAR(20)   NOT NULL,     -- pending, handled, throttled, ignored, failed
    attempts        INT           NOT NULL DEFAULT 0,
    defects         INT           NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ   NOT NULL,
    last_error      VARCHAR(1000),
    handled_at      TIMESTAMPTZ
);
CREATE INDEX inbound_pending_idx ON inbound_message (seq) WHERE status = 'pending';
CREATE INDEX inbound_pending_wa_idx ON inbound_message (wa_id, seq) WHERE status = 'pending';
CREATE INDEX inbound_done_idx ON inbound_message (handled_at) WHERE status <> 'pending';

-- The outbox: every message to a customer (dialogue replies, chat notices), one row per Twilio message, sent in
-- order per number by a worker through the REST API. 429 / 5xx / network errors move next_attempt_at; the Twilio sid
-- and the latest delivery status (status callbacks) are recorded on the row. A row sent again after a transient
-- delivery failure is a new row with retry_of pointing at the failed one.
CREATE TABLE outbound_message (
    id                BIGSERIAL     NOT NULL PRIMARY KEY,
    wa_id             VARCHAR(20)   NOT NULL,
    purpose           VARCHAR(20)   NOT NULL,   -- reply, notice
    source            VARCHAR(300)  NOT NULL,   -- the inbound MessageSid of a reply, the noticeId of a notice
    ticket_number     VARCHAR(50),
    body              TEXT,
    content_sid       VARCHAR(64),
    content_variables TEXT,
    status            VARCHAR(20)   NOT NULL,   -- pending, sent, failed, cancelled
    attempts          INT           NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMPTZ   NOT NULL,
    retry_of          BIGINT        REFERENCES outbound_message (id) ON DELETE SET NULL,
    delivery_retries  INT           NOT NULL DEFAULT 0,
    twilio_sid        VARCHAR(64)   UNIQUE,
    twilio_status     VARCHAR(20),
    error_code        INT,
    error_message     VARCHAR(1000),
    created_at        TIMESTAMPTZ   NOT NULL,
    sent_at           TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ   NOT NULL
);
CREATE INDEX outbound_pending_idx ON outbound_message (id) WHERE status = 'pending';
CREATE INDEX outbound_pending_wa_idx ON outbound_message (wa_id, id) WHERE status = 'pending';
CREATE INDEX outbound_source_idx ON outbound_message (source);
CREATE INDEX outbound_done_idx ON outbound_message (updated_at) WHERE status <> 'pending';

-- Every delivery status Twilio reported (status callbacks), for ops: what happened to a message, and when.
CREATE TABLE delivery_status (
    id          BIGSERIAL    NOT NULL PRIMARY KEY,
    twilio_sid  VARCHAR(64)  NOT NULL,
    status      VARCHAR(20)  NOT NULL,
    error_code  INT,
    received_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX delivery_status_sid_idx ON delivery_status (twilio_sid);
CREATE INDEX delivery_status_time_idx ON delivery_status (received_at);

-- Chat notices of getmark.channel-outbound.v1: each noticeId once, and what became of it: sent as text inside the
-- 24-hour window, sent as the approved template outside it, or left to email (no template configured). A notice that
-- finally failed is reported to ticket-service (IntakeMessage kind delivery_failure) by a worker: failure_report.
CREATE TABLE chat_notice (
    notice_id      VARCHAR(300)  NOT NULL PRIMARY KEY,
    wa_id          VARCHAR(20)   NOT NULL,
    ticket_number  VARCHAR(50),
    notice         VARCHAR(60),
    audience       VARCHAR(20)   NOT NULL,
    text           TEXT          NOT NULL,
    actions        JSONB         NOT NULL,
    outcome        VARCHAR(20)   NOT NULL,      -- text, template, left_to_email, failed, skipped
    failure_report VARCHAR(20),                 -- null, pending, published
    failure_detail VARCHAR(1000),
    created_at     TIMESTAMPTZ   NOT NULL,
    updated_at     TIMESTAMPTZ   NOT NULL
);
CREATE INDEX chat_notice_report_idx ON chat_notice (created_at) WHERE failure_report = 'pending';

-- Claim check (ARCHITECTURE.md), the shape adapter-support's AttachmentRepository expects
-- (getmark/adapter-support/claim-check.sql): the bytes of every file once ...
CREATE TABLE attachment_content (
    sha256     CHAR(64)    NOT NULL PRIMARY KEY,
    size       BIGINT      NOT NULL,
    content    BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- ... and one row per file a customer sent: the AttachmentRef's URL (<getmark.public-url>/api/attachments/<id>). The
-- id is derived from the MessageSid and the media's position, so a message handled again gets the same id;
-- source_id is the MessageSid.
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

-- The customers' open tickets, projected from getmark.ticket-events.v1 (consumer group intake-whatsapp): /status and
-- "does this message belong to ticket N?". An older event never overwrites a newer one.
CREATE TABLE chat_ticket (
    number                VARCHAR(50)  NOT NULL PRIMARY KEY,
    wa_id                 VARCHAR(20),
    status                VARCHAR(40)  NOT NULL,
    status_label          VARCHAR(200) NOT NULL,
    deadline              TIMESTAMPTZ,
    awaiting_answer       BOOLEAN      NOT NULL,
    awaiting_confirmation BOOLEAN      NOT NULL,
    closed                BOOLEAN      NOT NULL,
    last_event_at         TIMESTAMPTZ  NOT NULL,
    updated_at            TIMESTAMPTZ  NOT NULL
);
CREATE INDEX chat_ticket_wa_idx ON chat_ticket (wa_id) WHERE NOT closed;

-- Flood guard: inputs per number and fixed window.
CREATE TABLE chat_flood (
    wa_id        VARCHAR(20) NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    inputs       INT         NOT NULL,
    warned       BOOLEAN     NOT NULL DEFAULT FALSE,
    CONSTRAINT chat_flood_pk PRIMARY KEY (wa_id, window_start)
);
