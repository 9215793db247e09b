package ru.getmark.support.ticket.messaging;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.Deadlines;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketSnapshot;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.ticket.service.Registration;
import ru.getmark.support.ticket.service.TicketService;
import ru.getmark.support.ticket.testing.Db;
import ru.getmark.support.ticket.testing.Intake;
import ru.getmark.support.ticket.testing.KafkaTopic;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The transactional outbox reaches Kafka: at once after a commit, by the sweep, and after Kafka refused it. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "tickets"))
class OutboxRelayTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @InjectInfra
    Infra infra;
    @Inject
    DataSource dataSource;
    @Inject
    TicketService tickets;

    @AfterEach
    void neverLeaveATestRowBlockingTheOutbox() {
        Db.update(dataSource, "update outbox set published_at = now() where published_at is null "
                + "and topic like 'getmark.test.%'");
    }

    @Test
    @DisplayName("A registration's event is published within seconds and its outbox row marked published")
    void registeredEventIsPublishedAndMarked() {
        Registration r = tickets.register(Intake.request(Intake.newMessageId(), TicketType.CONSULTATION, null));
        String number = r.ticketNumber();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Db.query(dataSource,
                "select published_at from outbox where aggregate_id = ?", number))
                .singleElement().extracting(row -> row.get("published_at")).isNotNull());
        try (KafkaTopic events = KafkaTopic.read(infra.bootstrapServers(), Topics.TICKET_EVENTS)) {
            events.await(rec -> number.equals(rec.key()), WAIT);
        }
    }

    @Test
    @DisplayName("A row nobody announced (crash between commit and publish) is published by the periodic sweep")
    void sweepPublishesUnannouncedRows() {
        TicketEvent event = event("SWEEP-" + UUID.randomUUID());
        long id = insert(Topics.TICKET_EVENTS, event);

        try (KafkaTopic events = KafkaTopic.read(infra.bootstrapServers(), Topics.TICKET_EVENTS)) {
            ConsumerRecord<String, byte[]> record = events.await(rec -> event.key().equals(rec.key()), WAIT);
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(Json.toJson(event));
        }
        await().atMost(WAIT).until(() -> publishedAt(id) != null);
    }

    @Test
    @DisplayName("An event Kafka does not accept stays in the outbox, blocks later ones (order), and goes out later")
    void refusedPublishIsRetriedInOrder() throws Exception {
        // Kafka refuses a topic that does not exist (auto-creation is off): the same path as an unreachable broker,
        // a publish that never gets its acknowledgement.
        String lateTopic = "getmark.test.late-" + UUID.randomUUID();
        TicketEvent first = event("LATE-" + UUID.randomUUID());
        TicketEvent second = event("AFTER-" + UUID.randomUUID());
        long firstId = insert(lateTopic, first);
        long secondId = insert(Topics.TICKET_EVENTS, second);

        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                .until(() -> publishedAt(firstId) == null && publishedAt(secondId) == null);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(lateTopic, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
        }

        await().atMost(WAIT).until(() -> publishedAt(firstId) != null && publishedAt(secondId) != null);
        assertThat(publishedAt(firstId)).isBeforeOrEqualTo(publishedAt(secondId));
        try (KafkaTopic late = KafkaTopic.read(infra.bootstrapServers(), lateTopic)) {
            ConsumerRecord<String, byte[]> record = late.await(rec -> first.key().equals(rec.key()), WAIT);
            assertThat(Json.fromBytes(record.value(), TicketEvent.class).eventId()).isEqualTo(first.eventId());
        }
    }

    private static TicketEvent event(String number) {
        return TicketEvent.registered(Instant.now(), new TicketSnapshot(number, TicketStatus.NEW,
                TicketType.CONSULTATION, Priority.MEDIUM, SupportLine.FIRST, Intake.INN,
                CustomerContact.of("ООО «Ромашка»", "buh@romashka.example", null), Channel.EMAIL, Instant.now(),
                new Deadlines(null, null, null), "outbox test"));
    }

    private long insert(String topic, TicketEvent event) {
        return ((Number) Db.query(dataSource, """
                insert into outbox (aggregate_id, topic, event_id, event_type, payload, created_at)
                values (?, ?, ?, 'registered', ?, now()) returning id""",
                event.key(), topic, event.eventId(), Json.toJson(event)).get(0).get("id")).longValue();
    }

    private Instant publishedAt(long id) {
        Object value = Db.query(dataSource, "select published_at from outbox where id = ?", id).get(0)
                .get("published_at");
        return value == null ? null : ((Timestamp) value).toInstant();
    }
}
