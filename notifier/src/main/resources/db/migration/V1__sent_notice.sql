-- Which event produced which notice: the once-only rule of R5/R20 for notices.
-- A row is inserted (claimed) in the same transaction that sends the notice; a failed send rolls it back.
CREATE TABLE sent_notice (
    event_id       VARCHAR(100) NOT NULL,  -- TicketEvent.eventId
    notice         VARCHAR(50)  NOT NULL,  -- NoticeKind.code(), e.g. 'registration'
    ticket_number  VARCHAR(50)  NOT NULL,
    recipient_hash CHAR(64),               -- SHA-256 hex of the lower-cased address; the address itself is not kept
    message_id     VARCHAR(300) NOT NULL,  -- the stable Message-ID the email carried
    sent_at        TIMESTAMPTZ  NOT NULL,
    CONSTRAINT sent_notice_pk PRIMARY KEY (event_id, notice)
);

CREATE INDEX sent_notice_ticket_idx ON sent_notice (ticket_number);
