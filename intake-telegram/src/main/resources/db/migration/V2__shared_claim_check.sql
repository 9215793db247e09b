-- The claim check moved to adapter-support (ClaimCheck, AttachmentRepository), which every adapter with files shares:
-- its attachment table names the file's origin source_id, text (here the Telegram update_id, as before; WhatsApp's is
-- a MessageSid). Shape: adapter-support's getmark/adapter-support/claim-check.sql.
ALTER TABLE attachment RENAME COLUMN update_id TO source_id;
ALTER TABLE attachment ALTER COLUMN source_id TYPE VARCHAR(512) USING source_id::text;
CREATE INDEX attachment_source_idx ON attachment (source_id);
