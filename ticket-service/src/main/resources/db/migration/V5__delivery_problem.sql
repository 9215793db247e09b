-- Issue 5: a notice to the customer bounced (IntakeMessage kind delivery_failure). Staff see that the customer's
-- address does not work and phone them instead; the history keeps each bounce as a "notice-bounced" action.
alter table ticket
    add column delivery_failed_at timestamp(6) with time zone,
    add column delivery_failure   text,
    add column delivery_failures  integer not null default 0;
