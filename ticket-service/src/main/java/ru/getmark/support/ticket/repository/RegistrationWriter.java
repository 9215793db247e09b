package ru.getmark.support.ticket.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import ru.getmark.support.ticket.domain.ProcessedMessage;
import ru.getmark.support.ticket.domain.Ticket;
import ru.getmark.support.ticket.domain.TicketAttachment;
import ru.getmark.support.ticket.domain.TicketStatusChange;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes many registrations at once, for the batch consumer of {@code getmark.intake.v1}: a handful of statements
 * per batch instead of seven round trips per ticket. Plain SQL on the transaction's own connection (through the
 * Hibernate session, so it runs inside the same JTA transaction as everything else): the entities' identity keys
 * rule out Hibernate's JDBC batching, and array parameters ({@code unnest}) make one statement of any batch size, so
 * PostgreSQL plans it once.
 * <p>
 * The rows are the ones {@code TicketService}'s one-message path writes through Hibernate (same columns, same
 * values); {@code RegistrationBatchTest} compares both.
 */
@ApplicationScoped
public class RegistrationWriter {

    private static final String PROCESSED = "select message_id from processed_message where message_id = any(?::text[])";

    private static final String NUMBERS = "select nextval('ticket_number_seq') from generate_series(1, ?)";

    private static final String EXISTING = "select number from ticket where number = any(?::text[])";

    /**
     * One statement for everything a batch of registrations writes. It claims the message ids first
     * ({@code INSERT ... ON CONFLICT DO NOTHING} into {@code processed_message}, with the ticket numbers: R5; a
     * concurrent transaction holding one of the ids is waited for, then that id is skipped), and writes only what
     * belongs to the claimed ids: the tickets (their ids come back to the status changes and attachments by number),
     * the Регистрация → Новый steps, the attachments, and the {@code registered} events in the outbox, in the order
     * given, hence in id order. Foreign keys to the tickets inserted by a sibling sub-statement are checked at the
     * statement's end, when they exist.
     */
    private static final String INSERT = """
            with claimed as (
                insert into processed_message (message_id, processed_at, outcome, ticket_number)
                select u.message_id, ?, ?, u.number
                from unnest(?::text[], ?::text[]) with ordinality as u(message_id, number, ord)
                order by u.ord
                on conflict (message_id) do nothing
                returning message_id, ticket_number
            ), t as (
                insert into ticket (number, message_id, status, type, needs_classification, priority, line, channel,
                    inn, customer_name, customer_email, customer_phone, customer_telegram_chat_id,
                    customer_whatsapp_id, subject, text, process, impact, reply_channel, reply_address, received_at,
                    registered_at, resolution_deadline, first_line_deadline, second_line_deadline, related_ticket)
                select u.* from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                    ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::text[])
                    as u(number, message_id, status, type, needs_classification, priority, line, channel, inn,
                    customer_name, customer_email, customer_phone, customer_telegram_chat_id, customer_whatsapp_id,
                    subject, text, process, impact, reply_channel, reply_address, received_at, registered_at,
                    resolution_deadline, first_line_deadline, second_line_deadline, related_ticket)
                where u.number in (select ticket_number from claimed)
                returning id, number
            ), status_change as (
                insert into ticket_status_change (ticket_id, from_status, to_status, changed_by, changed_at, reason)
                select t.id, u.from_status, u.to_status, u.changed_by, u.changed_at, u.reason
                from t join unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[])
                    as u(number, from_status, to_status, changed_by, changed_at, reason) on u.number = t.number
            ), attachment as (
                insert into ticket_attachment (ticket_id, position, name, content_type, size, sha256, url)
                select t.id, u.position, u.name, u.content_type, u.size, u.sha256, u.url
                from t join unnest(?::text[], ?::integer[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[])
                    as u(number, position, name, content_type, size, sha256, url) on u.number = t.number
            ), event as (
                insert into outbox (aggregate_id, topic, event_id, event_type, payload, created_at)
                select u.aggregate_id, u.topic, u.event_id, u.event_type, convert_from(u.payload, 'UTF8'), u.created_at
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::timestamptz[])
                    with ordinality as u(aggregate_id, topic, event_id, event_type, payload, created_at, ord)
                where u.aggregate_id in (select ticket_number from claimed)
                order by u.ord
            )
            select message_id from claimed""";

    private final EntityManager em;

    public RegistrationWriter(EntityManager em) {
        this.em = em;
    }

    /** Which of these message ids were processed before (R5). */
    public Set<String> processed(Collection<String> messageIds) {
        return strings(PROCESSED, messageIds);
    }

    /** That many ticket numbers from {@code ticket_number_seq}, ascending. */
    public List<String> nextNumbers(int count) {
        if (count == 0) {
            return List.of();
        }
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement(NUMBERS)) {
                ps.setInt(1, count);
                long[] numbers = new long[count];
                int i = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        numbers[i++] = rs.getLong(1);
                    }
                }
                Arrays.sort(numbers);
                return Arrays.stream(numbers).mapToObj(Long::toString).toList();
            }
        });
    }

    /** Which of these ticket numbers exist. */
    public Set<String> existing(Collection<String> numbers) {
        return strings(EXISTING, numbers);
    }

    private Set<String> strings(String sql, Collection<String> values) {
        if (values.isEmpty()) {
            return Set.of();
        }
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, values.toArray(String[]::new));
                Set<String> found = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
                return found;
            }
        });
    }

    /**
     * Claims the tickets' message ids (R5) and inserts the tickets of the ids claimed, with their first status change,
     * attachments and events, in one statement. An id claimed by another transaction meanwhile (a concurrent
     * duplicate) is skipped with its ticket and event; its number stays unused.
     *
     * @param tickets       new tickets with numbers (not persisted through Hibernate; their ids stay null)
     * @param statusChanges the first status change of each ticket ({@code ticket} set)
     * @param events        the outbox rows, in the order they are to be published
     * @return the message ids claimed, i.e. the tickets registered
     */
    public Set<String> insert(Instant at, List<Ticket> tickets, List<TicketStatusChange> statusChanges,
                              List<EventRow> events) {
        if (tickets.isEmpty()) {
            return Set.of();
        }
        List<TicketAttachment> attachments = new ArrayList<>();
        tickets.forEach(t -> attachments.addAll(t.attachments));
        return work(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                ps.setString(2, ProcessedMessage.Outcome.REGISTERED.name());
                Params p = new Params(c, ps, 3);
                p.text(tickets, t -> t.messageId);
                p.text(tickets, t -> t.number);

                p.text(tickets, t -> t.number);
                p.text(tickets, t -> t.messageId);
                p.text(tickets, t -> name(t.status));
                p.text(tickets, t -> name(t.type));
                p.array("bool", tickets, t -> t.needsClassification);
                p.text(tickets, t -> name(t.priority));
                p.text(tickets, t -> name(t.line));
                p.text(tickets, t -> name(t.channel));
                p.text(tickets, t -> t.inn);
                p.text(tickets, t -> t.customerName);
                p.text(tickets, t -> t.customerEmail);
                p.text(tickets, t -> t.customerPhone);
                p.array("int8", tickets, t -> t.customerTelegramChatId);
                p.text(tickets, t -> t.customerWhatsappId);
                p.text(tickets, t -> t.subject);
                p.text(tickets, t -> t.text);
                p.text(tickets, t -> t.process);
                p.text(tickets, t -> name(t.impact));
                p.text(tickets, t -> name(t.replyChannel));
                p.text(tickets, t -> t.replyAddress);
                p.instant(tickets, t -> t.receivedAt);
                p.instant(tickets, t -> t.registeredAt);
                p.instant(tickets, t -> t.resolutionDeadline);
                p.instant(tickets, t -> t.firstLineDeadline);
                p.instant(tickets, t -> t.secondLineDeadline);
                p.text(tickets, t -> t.relatedTicket);

                p.text(statusChanges, s -> s.ticket.number);
                p.text(statusChanges, s -> name(s.fromStatus));
                p.text(statusChanges, s -> name(s.toStatus));
                p.text(statusChanges, s -> s.changedBy);
                p.instant(statusChanges, s -> s.changedAt);
                p.text(statusChanges, s -> s.reason);

                p.text(attachments, a -> a.ticket.number);
                p.array("int4", attachments, a -> a.position);
                p.text(attachments, a -> a.name);
                p.text(attachments, a -> a.contentType);
                p.array("int8", attachments, a -> a.size);
                p.text(attachments, a -> a.sha256);
                p.text(attachments, a -> a.url);

                p.text(events, EventRow::aggregateId);
                p.text(events, EventRow::topic);
                p.text(events, EventRow::eventId);
                p.text(events, EventRow::eventType);
                p.bytes(events, EventRow::payload);
                p.instant(events, EventRow::createdAt);
                Set<String> claimed = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(rs.getString(1));
                    }
                }
                return claimed;
            }
        });
    }

    /**
     * An outbox row as the batch writes it: the payload is the event's JSON as UTF-8 bytes, exactly as Jackson wrote
     * it, so the text of a request (mostly Cyrillic) is neither decoded into a Java string nor encoded again for the
     * database; {@code OutboxRelay} reads it back as bytes too.
     */
    public record EventRow(String aggregateId, String topic, String eventId, String eventType, byte[] payload,
                           Instant createdAt) {
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private <T> T work(SqlWork<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Binds the statement's array parameters in order, one column at a time. */
    private static final class Params {
        private final Connection connection;
        private final PreparedStatement statement;
        private int index;

        Params(Connection connection, PreparedStatement statement, int first) {
            this.connection = connection;
            this.statement = statement;
            this.index = first;
        }

        /**
         * A {@code text[]} parameter. Bound as a {@code String[]}, which the driver sends in PostgreSQL's binary array
         * format: the texts (up to a megabyte per batch) travel as they are, neither escaped into an array literal
         * here nor parsed out of one by the server.
         */
        <R> void text(List<R> rows, Function<R, String> column) throws SQLException {
            String[] values = new String[rows.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = column.apply(rows.get(i));
            }
            statement.setObject(index++, values);
        }

        /** Instants as ISO-8601 text, cast to {@code timestamptz[]} in SQL: exact and independent of time zones. */
        <R> void instant(List<R> rows, Function<R, Instant> column) throws SQLException {
            text(rows, r -> {
                Instant value = column.apply(r);
                return value == null ? null : value.toString();
            });
        }

        /**
         * A {@code bytea[]} parameter (binary, as it is); the statement turns each into text with
         * {@code convert_from(.., 'UTF8')}, which also checks the encoding.
         */
        <R> void bytes(List<R> rows, Function<R, byte[]> column) throws SQLException {
            byte[][] values = new byte[rows.size()][];
            for (int i = 0; i < values.length; i++) {
                values[i] = column.apply(rows.get(i));
            }
            statement.setObject(index++, values);
        }

        <R> void array(String type, List<R> rows, Function<R, ?> column) throws SQLException {
            Object[] values = new Object[rows.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = column.apply(rows.get(i));
            }
            Array array = connection.createArrayOf(type, values);
            statement.setArray(index++, array);
        }
    }
}
