-- intake-telegram's own tables (database "telegram"). Every replica shares them: the dialogue continues on any pod.

-- The dialogue state of each chat (common's DialogueState as JSON). version is the optimistic lock: two replicas
-- handling updates of one chat at once cannot both win; the loser handles its update again on the new state.
CREATE TABLE chat_state (
    chat_id    BIGINT      NOT NULL PRIMARY KEY,
    state      JSONB       NOT NULL,
    version    BIGINT      NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- Updates already handled (update_id is Telegram's id, unique per bot). Written in the transaction that saves the
-- chat's new state, after Kafka acknowledged the publish: an update delivered again is recognised and not handled
-- twice. replies holds the bot messages of the turn until they are sent (replied_at), so a crash between the state
-- save and the sends re-sends them instead of losing them.
CREATE TABLE handled_update (
    update_id  BIGINT      NOT NULL PRIMARY KEY,
    chat_id    BIGINT,
    replies    JSONB       NOT NULL,
    handled_at TIMESTAMPTZ NOT NULL,
    replied_at TIMESTAMPTZ
);
CREATE INDEX handled_update_time_idx ON handled_update (handled_at);

-- Claim check (ARCHITECTURE.md): the bytes of every file once.
CREATE TABLE attachment_content (
    sha256     CHAR(64)    NOT NULL PRIMARY KEY,
    size       BIGINT      NOT NULL,
    content    BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- One row per file a chat sent: what the AttachmentRef's URL (<getmark.public-url>/api/attachments/<id>) points at.
-- The id is derived from the Telegram file_unique_id and the update, so an update handled again gets the same id.
CREATE TABLE attachment (
    id           UUID         NOT NULL PRIMARY KEY,
    update_id    BIGINT       NOT NULL,
    file_name    VARCHAR(500) NOT NULL,
    content_type VARCHAR(200) NOT NULL,
    size         BIGINT       NOT NULL,
    sha256       CHAR(64)     NOT NULL REFERENCES attachment_content (sha256),
    created_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX attachment_sha256_idx ON attachment (sha256);

-- Chat notices of getmark.channel-outbound.v1 already delivered: each noticeId once.
CREATE TABLE delivered_notice (
    notice_id    VARCHAR(300) NOT NULL PRIMARY KEY,
    chat_id      BIGINT       NOT NULL,
    delivered_at TIMESTAMPTZ  NOT NULL
);

-- The chats' open tickets, projected from getmark.ticket-events.v1 (consumer group intake-telegram): /status and
-- "does this message belong to ticket N?". An older event never overwrites a newer one.
CREATE TABLE chat_ticket (
    number                VARCHAR(50)  NOT NULL PRIMARY KEY,
    chat_id               BIGINT,
    status                VARCHAR(40)  NOT NULL,
    status_label          VARCHAR(200) NOT NULL,
    deadline              TIMESTAMPTZ,
    awaiting_answer       BOOLEAN      NOT NULL,
    awaiting_confirmation BOOLEAN      NOT NULL,
    closed                BOOLEAN      NOT NULL,
    last_event_at         TIMESTAMPTZ  NOT NULL,
    updated_at            TIMESTAMPTZ  NOT NULL
);
CREATE INDEX chat_ticket_chat_idx ON chat_ticket (chat_id) WHERE NOT closed;

-- Flood guard: inputs per chat and fixed window.
CREATE TABLE chat_flood (
    chat_id      BIGINT      NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    inputs       INT         NOT NULL,
    warned       BOOLEAN     NOT NULL DEFAULT FALSE,
    CONSTRAINT chat_flood_pk PRIMARY KEY (chat_id, window_start)
);
