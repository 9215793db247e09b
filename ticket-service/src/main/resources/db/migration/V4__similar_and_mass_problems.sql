-- Issue 4: similar problems (R15, regulation §5.10, §5.28) and mass problems (R16, §5.15).

-- R15: a ticket linked to the open, already escalated ticket with the same problem (the group's root) instead of
-- being escalated again. Always the root's number: groups are one level deep, so they cannot form chains or cycles.
alter table ticket
    add column linked_to       text references ticket (number),
    add column linked_at       timestamp(6) with time zone,
    add column mass_problem_id bigint;
create index ticket_linked_to_idx on ticket (linked_to) where linked_to is not null;

-- R16: mass problems, numbered from their own sequence ("Массовая проблема № 1, 2, ...").
create sequence mass_problem_seq start with 1 increment by 1 no cycle;

create table mass_problem (
    id          bigint primary key,
    title       text   not null,
    -- the group's root: the escalated ticket the similar ones are linked to
    root_ticket text   not null references ticket (number),
    declared_at timestamp(6) with time zone not null,
    -- "system" when declared automatically (more than four tickets within 24 hours), else the staff login
    declared_by text   not null,
    resolved_at timestamp(6) with time zone,
    resolved_by text,
    resolution  text
);
-- One unresolved mass problem per group: the safety net behind the lock on the root's row that serialises the
-- group's links (two links at the same moment must not declare two mass problems).
create unique index mass_problem_open_root_uk on mass_problem (root_ticket) where resolved_at is null;
create index mass_problem_declared_at_idx on mass_problem (declared_at);

-- Which tickets a mass problem gathered (history: a ticket may, over time, be part of more than one).
create table mass_problem_ticket (
    mass_problem_id bigint not null references mass_problem (id) on delete cascade,
    ticket_id       bigint not null references ticket (id) on delete cascade,
    joined_at       timestamp(6) with time zone not null,
    primary key (mass_problem_id, ticket_id)
);
create index mass_problem_ticket_ticket_idx on mass_problem_ticket (ticket_id);

-- The mass problem a ticket currently belongs to (kept after the resolution, for the ticket view).
alter table ticket add constraint ticket_mass_problem_fk foreign key (mass_problem_id) references mass_problem (id);
