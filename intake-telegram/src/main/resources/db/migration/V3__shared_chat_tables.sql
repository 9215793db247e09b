-- The chats' ticket projection and flood counts moved to adapter-support (ChatTicketRepository, ChatFloodRepository),
-- which intake-telegram and intake-whatsapp share: both tables are keyed by a text chat_key (here the chat id in
-- decimal, as before; WhatsApp's is the WaId). Shape: adapter-support's getmark/adapter-support/chat.sql.
ALTER TABLE chat_ticket RENAME COLUMN chat_id TO chat_key;
ALTER TABLE chat_ticket ALTER COLUMN chat_key TYPE VARCHAR(64) USING chat_key::text;
ALTER INDEX chat_ticket_chat_idx RENAME TO chat_ticket_key_idx;
ALTER TABLE chat_flood RENAME COLUMN chat_id TO chat_key;
ALTER TABLE chat_flood ALTER COLUMN chat_key TYPE VARCHAR(64) USING chat_key::text;
