-- The claim check moved to adapter-support (ClaimCheck, AttachmentRepository), which every adapter with files shares:
-- its attachment table names the file's origin source_id (here the IntakeMessage.messageId, as before) and keeps
-- neither the position in the message (the references' order is the message's, not the table's) nor the inline flag
-- (never read: staff get inline images as files like any other). Shape: adapter-support's
-- getmark/adapter-support/claim-check.sql.
ALTER TABLE attachment RENAME COLUMN message_id TO source_id;
ALTER INDEX attachment_message_idx RENAME TO attachment_source_idx;
ALTER TABLE attachment DROP COLUMN position;
ALTER TABLE attachment DROP COLUMN inline;
