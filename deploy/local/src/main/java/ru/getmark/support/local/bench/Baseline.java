package ru.getmark.support.local.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.common.json.Json;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The machine's practical limit for durable registration, measured beside ticket-service in the same run: a minimal
 * consumer of {@code getmark.intake.v1} (its own group, from the beginning) that inserts one row per message into a
 * table of the shape of ticket-service's {@code ticket} table (same columns, unique number and message id, index on
 * the ИНН) in its own database of the same PostgreSQL, in JDBC batches of {@value #BATCH} with one commit per batch.
 * No deduplication table, no status history, no outbox, no SLA arithmetic: what is left is the cost of reading the
 * topic and writing the rows durably.
 * <p>
 * Its clock follows ticket-service's definition: from the first batch's commit to the last one's.
 */
final class Baseline {

    static final int BATCH = 100;
    static final String DATABASE = "bench";
    private static final Duration STALL = Duration.ofSeconds(120);

    /**
     * What the baseline did.
     *
     * @param rows          rows in the table after the run
     * @param distinct      distinct message ids among them
     * @param firstCommitAt when the first batch was committed
     * @param lastCommitAt  when the last batch was committed
     */
    record Result(long rows, long distinct, Instant firstCommitAt, Instant lastCommitAt) {
    }

    private Baseline() {
    }

    /** Reads {@code expected} messages from the beginning of the topic into the table; returns when all are in. */
    static Result run(String bootstrapServers, String jdbcUrl, String user, String password, long expected) {
        String url = jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        try (Connection db = DriverManager.getConnection(url, user, password);
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers))) {
            createTable(db);
            db.setAutoCommit(false);
            consumer.subscribe(List.of(Topics.INTAKE));
            Instant first = null;
            Instant last = null;
            long written = 0;
            Instant progressAt = Instant.now();
            try (PreparedStatement insert = db.prepareStatement(INSERT)) {
                int inBatch = 0;
                while (written < expected) {
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                    for (ConsumerRecord<String, byte[]> record : records) {
                        bind(insert, Json.fromBytes(record.value(), IntakeMessage.class));
                        insert.addBatch();
                        if (++inBatch == BATCH) {
                            insert.executeBatch();
                            db.commit();
                            last = Instant.now();
                            first = first == null ? last : first;
                            written += inBatch;
                            inBatch = 0;
                        }
                    }
                    if (inBatch > 0) {
                        insert.executeBatch();
                        db.commit();
                        last = Instant.now();
                        first = first == null ? last : first;
                        written += inBatch;
                        inBatch = 0;
                    }
                    if (!records.isEmpty()) {
                        consumer.commitAsync();
                        progressAt = Instant.now();
                    } else if (Duration.between(progressAt, Instant.now()).compareTo(STALL) > 0) {
                        throw new IllegalStateException("baseline: no message for " + STALL.toSeconds() + " s after "
                                + written + " of " + expected);
                    }
                }
            }
            consumer.commitSync();
            try (Statement count = db.createStatement();
                 ResultSet rs = count.executeQuery("select count(*), count(distinct message_id) from ticket")) {
                rs.next();
                return new Result(rs.getLong(1), rs.getLong(2), first, last);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("baseline: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> consumerConfig(String bootstrapServers) {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-baseline",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    }

    /** ticket-service's V1 {@code ticket} table, column for column (its later migrations add nullable columns). */
    private static void createTable(Connection db) throws SQLException {
        try (Statement ddl = db.createStatement()) {
            ddl.execute("create sequence if not exists ticket_number_seq start with 1000 increment by 1 no cycle");
            ddl.execute("""
                    create table if not exists ticket (
                        id                        bigint generated by default as identity primary key,
                        number                    text        not null,
                        message_id                text        not null,
                        status                    text        not null,
                        type                      text,
                        needs_classification      boolean     not null,
                        priority                  text        not null,
                        line                      text        not null,
                        channel                   text        not null,
                        inn                       text        not null,
                        customer_name             text,
                        customer_email            text,
                        customer_phone            text,
                        customer_telegram_chat_id bigint,
                        customer_whatsapp_id      text,
                        subject                   text,
                        text                      text,
                        process                   text,
                        impact                    text,
                        reply_channel             text,
                        reply_address             text,
                        received_at               timestamp(6) with time zone not null,
                        registered_at             timestamp(6) with time zone not null,
                        resolution_deadline       timestamp(6) with time zone,
                        first_line_deadline       timestamp(6) with time zone,
                        second_line_deadline      timestamp(6) with time zone,
                        version                   bigint      not null default 0,
                        constraint ticket_number_uk unique (number),
                        constraint ticket_message_id_uk unique (message_id)
                    )""");
            ddl.execute("create index if not exists ticket_inn_idx on ticket (inn)");
        }
    }

    private static final String INSERT = """
            insert into ticket (number, message_id, status, type, needs_classification, priority, line, channel, inn,
                customer_name, customer_email, customer_phone, customer_telegram_chat_id, customer_whatsapp_id,
                subject, text, process, impact, reply_channel, reply_address, received_at, registered_at)
            values (nextval('ticket_number_seq')::text, ?, 'NEW', ?, ?, 'MEDIUM', 'FIRST', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                ?, ?, ?, ?, now())""";

    private static void bind(PreparedStatement insert, IntakeMessage m) throws SQLException {
        int i = 1;
        insert.setString(i++, m.messageId());
        insert.setString(i++, m.type() == null ? null : m.type().name());
        insert.setBoolean(i++, m.type() == null);
        insert.setString(i++, m.channel().name());
        insert.setString(i++, m.inn());
        insert.setString(i++, m.customer().name());
        insert.setString(i++, m.customer().email());
        insert.setString(i++, m.customer().phone());
        if (m.customer().telegramChatId() == null) {
            insert.setNull(i++, Types.BIGINT);
        } else {
            insert.setLong(i++, m.customer().telegramChatId());
        }
        insert.setString(i++, m.customer().whatsappId());
        insert.setString(i++, m.subject());
        insert.setString(i++, m.text());
        insert.setString(i++, m.process());
        insert.setString(i++, m.impact() == null ? null : m.impact().name());
        insert.setString(i++, m.replyTo() == null ? null : m.replyTo().channel().name());
        insert.setString(i++, m.replyTo() == null ? null : m.replyTo().address());
        insert.setTimestamp(i, Timestamp.from(m.receivedAt()));
    }
}
