-- The chat tables adapter-support's ChatTicketRepository and ChatFloodRepository read and write (chat adapters only:
-- build property getmark.chat.enabled=true). Not a migration: each chat adapter creates them in its own Flyway
-- migration (copy this), because the schema belongs to the adapter's database and its migration history.
-- chat_key names the customer's chat as the adapter's ChatKeys does (Telegram: the chat id in decimal; WhatsApp: the
-- WaId's digits).

-- The chats' open tickets, projected from getmark.ticket-events.v1 (consumer group: the adapter): /status and
-- "does this message belong to ticket N?". An older event never overwrites a newer one.
CREATE TABLE chat_ticket (
    number                VARCHAR(50)  NOT NULL PRIMARY KEY,
    chat_key              VARCHAR(64),
    status                VARCHAR(40)  NOT NULL,
    status_label          VARCHAR(200) NOT NULL,
    deadline              TIMESTAMPTZ,
    awaiting_answer       BOOLEAN      NOT NULL,
    awaiting_confirmation BOOLEAN      NOT NULL,
    closed                BOOLEAN      NOT NULL,
    last_event_at         TIMESTAMPTZ  NOT NULL,
    updated_at            TIMESTAMPTZ  NOT NULL
);
CREATE INDEX chat_ticket_key_idx ON chat_ticket (chat_key) WHERE NOT closed;

-- Flood guard: inputs per chat and fixed window.
CREATE TABLE chat_flood (
    chat_key     VARCHAR(64) NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    inputs       INT         NOT NULL,
    warned       BOOLEAN     NOT NULL DEFAULT FALSE,
    CONSTRAINT chat_flood_pk PRIMARY KEY (chat_key, window_start)
);
