-- The customers' ticket projection and flood counts moved to adapter-support (ChatTicketRepository,
-- ChatFloodRepository), which intake-whatsapp and intake-telegram share: both tables are keyed by a text chat_key
-- (here the WaId's digits, as before; Telegram's is the chat id). Shape: adapter-support's
-- getmark/adapter-support/chat.sql.
ALTER TABLE chat_ticket RENAME COLUMN wa_id TO chat_key;
ALTER TABLE chat_ticket ALTER COLUMN chat_key TYPE VARCHAR(64);
ALTER INDEX chat_ticket_wa_idx RENAME TO chat_ticket_key_idx;
ALTER TABLE chat_flood RENAME COLUMN wa_id TO chat_key;
ALTER TABLE chat_flood ALTER COLUMN chat_key TYPE VARCHAR(64);
