-- When the customer last wrote about a ticket. Every follow-up sets it, so every follow-up is a versioned change of
-- the ticket row (optimistic locking) and never publishes an event built from a stale read.
alter table ticket add column last_customer_message_at timestamp(6) with time zone;
