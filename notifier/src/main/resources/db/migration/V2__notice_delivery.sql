-- The delivery table: every notice of every event to every recipient, from the moment the Kafka consumer rendered
-- it until it was handed over (SMTP accepted it, Kafka acknowledged it) or parked on the DLQ. It replaces
-- sent_notice: the once-only rule (R5/R20) is now its unique key, and retries with backoff run from it, out of the
-- consumer's way.
CREATE TABLE notice_delivery (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- insertion order = a ticket's event order
    event_id        VARCHAR(100)  NOT NULL,  -- TicketEvent.eventId
    notice          VARCHAR(50)   NOT NULL,  -- NoticeKind.code(), e.g. 'registration', 'fire_alarm'
    medium          VARCHAR(20)   NOT NULL,  -- EMAIL, TELEGRAM, WHATSAPP, DUTY_CHAT
    recipient       VARCHAR(320),            -- email address, Telegram chat id or WhatsApp WaId; null only in rows
                                             -- migrated from sent_notice, which never kept the address
    recipient_key   VARCHAR(64)   NOT NULL,  -- the once-only key's "who": SHA-256 hex of the normalised address,
                                             -- or 'duty_chat' (one duty chat, whatever its id is today)
    ticket_number   VARCHAR(50)   NOT NULL,
    notice_id       VARCHAR(300)  NOT NULL,  -- the email's Message-ID or the ChannelNotice's noticeId
    payload         JSONB,                   -- what to send: the rendered EmailNotice or ChannelNotice
    event_json      JSONB,                   -- the event as it came from Kafka, for the DLQ when parked
    status          VARCHAR(10)   NOT NULL,  -- PENDING, SENT, PARKED
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ   NOT NULL,
    last_error      VARCHAR(2000),           -- masked: no email address in it
    created_at      TIMESTAMPTZ   NOT NULL,
    sent_at         TIMESTAMPTZ,
    CONSTRAINT notice_delivery_once UNIQUE (event_id, notice, medium, recipient_key),
    CONSTRAINT notice_delivery_status CHECK (status IN ('PENDING', 'SENT', 'PARKED')),
    CONSTRAINT notice_delivery_medium CHECK (medium IN ('EMAIL', 'TELEGRAM', 'WHATSAPP', 'DUTY_CHAT')),
    CONSTRAINT notice_delivery_pending_is_complete
        CHECK (status <> 'PENDING' OR (recipient IS NOT NULL AND payload IS NOT NULL AND event_json IS NOT NULL))
);

-- The delivery worker's queue: due pending rows in id order, and "is an earlier notice of this ticket and medium
-- still pending?".
CREATE INDEX notice_delivery_pending_idx ON notice_delivery (id) WHERE status = 'PENDING';
CREATE INDEX notice_delivery_ticket_pending_idx ON notice_delivery (ticket_number, medium, id) WHERE status = 'PENDING';
-- Operations: everything told about one ticket.
CREATE INDEX notice_delivery_ticket_idx ON notice_delivery (ticket_number);

-- History stays correct: every email sent so far is a SENT row with the same once-only key (sent_notice kept the
-- SHA-256 of the address, which is what recipient_key holds), so a replay of an old event sends nothing.
INSERT INTO notice_delivery (event_id, notice, medium, recipient, recipient_key, ticket_number, notice_id, payload,
                             event_json, status, attempts, next_attempt_at, created_at, sent_at)
SELECT event_id, notice, 'EMAIL', NULL, COALESCE(recipient_hash, 'unknown'), ticket_number, message_id, NULL, NULL,
       'SENT', 1, sent_at, sent_at, sent_at
FROM sent_notice;

DROP TABLE sent_notice;
