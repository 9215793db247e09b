package ru.getmark.support.ticket.lifecycle;

import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.ticket.service.TicketService;
import ru.getmark.support.ticket.testing.KafkaTopic;
import ru.getmark.support.ticket.testing.TestClock;

import javax.sql.DataSource;

/**
 * What the lifecycle tests share: the real infrastructure, the service that registers their tickets, the test clock
 * (back to the system clock after every test), the database, and one reader of the real
 * {@code getmark.ticket-events.v1} topic for the whole class. Subclasses declare their own {@code @QuarkusTest} and
 * {@code @WithTestResource}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TicketEventsTest {

    @InjectInfra
    Infra infra;
    @Inject
    TestClock clock;
    @Inject
    TicketService tickets;
    @Inject
    DataSource dataSource;

    KafkaTopic events;

    @BeforeAll
    void readEvents() {
        events = KafkaTopic.read(infra.bootstrapServers(), Topics.TICKET_EVENTS);
    }

    @AfterAll
    void closeEvents() {
        events.close();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }
}
