package ru.getmark.support.adapter.chat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import ru.getmark.support.common.dialog.BotMessage;
import ru.getmark.support.common.dialog.DialogueContext;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.Deadlines;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventData;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketSnapshot;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.infra.Postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat tables' SQL against a real PostgreSQL (deploy/infra's embedded server) and the DDL this library ships: the
 * ticket projection as a chat sees it (R4 "which ticket", R12 the confirmation window) and the flood counts (R5).
 * Outside Quarkus, so without JTA: each statement commits on its own here.
 */
@DisplayName("Chat tables: the chats' open tickets and flood counts")
class ChatTablesTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:15:00Z");
    static final AtomicInteger NUMBERS = new AtomicInteger(1000);

    static Postgres postgres;
    static ChatTicketRepository tickets;
    static ChatTicketProjection projection;
    static ChatFloodRepository floods;
    static ChatFloodGuard guard;

    @BeforeAll
    static void startDatabase() throws IOException, SQLException {
        postgres = Postgres.startTemporary(0);
        postgres.ensureDatabase("adapter_chat");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(postgres.jdbcUrl("adapter_chat"));
        dataSource.setUser(postgres.username());
        dataSource.setPassword(postgres.password());
        try (InputStream ddl = ChatBeans.class.getResourceAsStream("/getmark/adapter-support/chat.sql");
             Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertThat(ddl).as("the DDL resource in the jar").isNotNull();
            statement.execute(new String(ddl.readAllBytes(), StandardCharsets.UTF_8));
        }
        tickets = new ChatTicketRepository(dataSource);
        // the key as a WhatsApp-like adapter derives it: the customer's WaId
        projection = new ChatTicketProjection(tickets, CustomerContact::whatsappId, Clock.fixed(T0, ZoneOffset.UTC));
        floods = new ChatFloodRepository(dataSource);
        guard = new ChatFloodGuard(floods);
    }

    @AfterAll
    static void stopDatabase() {
        if (postgres != null) {
            postgres.close();
        }
    }

    static String newNumber() {
        return Integer.toString(NUMBERS.incrementAndGet());
    }

    static TicketEvent event(TicketEventType type, Instant at, String number, TicketStatus status, String waId) {
        TicketSnapshot ticket = new TicketSnapshot(number, status, TicketType.SOFTWARE_BUG, Priority.MEDIUM,
                SupportLine.FIRST, "7707083893", new CustomerContact("ООО «Клиент»", null, null, null, waId),
                Channel.WHATSAPP, T0, new Deadlines(T0.plus(Duration.ofHours(8)), null, null), "Не уходят чеки");
        return TicketEvent.of(type, at, ticket, TicketEventData.byActor("system"));
    }

    @Test
    @DisplayName("R4: a registered ticket is open for its chat only, with its status and deadline")
    void aRegisteredTicketIsOpenForItsChat() {
        String number = newNumber();
        projection.apply(event(TicketEventType.REGISTERED, T0, number, TicketStatus.NEW, "79160000001"));

        assertThat(tickets.openTickets("79160000001")).singleElement().isEqualTo(new DialogueContext.OpenTicket(
                number, TicketStatus.NEW.label(), T0.plus(Duration.ofHours(8)), false, false));
        assertThat(tickets.openTickets("79160000002")).isEmpty();
    }

    @Test
    @DisplayName("An older event never overwrites a newer one; an event without the chat keeps the known chat")
    void olderEventsChangeNothingAndTheChatIsKept() {
        String number = newNumber();
        String chat = "79160000003";
        projection.apply(event(TicketEventType.REGISTERED, T0, number, TicketStatus.NEW, chat));
        projection.apply(event(TicketEventType.STATUS_CHANGED, T0.plusSeconds(60), number,
                TicketStatus.AWAITING_USER, null));

        boolean changed = tickets.upsert(new ChatTicketRepository.Row(number, chat, "new", "Новое", null, false,
                ChatTicketRepository.Confirmation.NOT_AWAITING, false, T0.plusSeconds(30)), T0);

        assertThat(changed).isFalse();
        assertThat(tickets.openTickets(chat)).singleElement()
                .satisfies(t -> assertThat(t.statusLabel()).isEqualTo(TicketStatus.AWAITING_USER.label()))
                .satisfies(t -> assertThat(t.awaitingAnswer()).isTrue());
    }

    @Test
    @DisplayName("R12: a solved ticket stays open awaiting confirmation through other events until closed for good")
    void aSolvedTicketStaysOpenUntilClosedForGood() {
        String number = newNumber();
        String chat = "79160000004";
        projection.apply(event(TicketEventType.REGISTERED, T0, number, TicketStatus.NEW, chat));
        projection.apply(event(TicketEventType.SOLUTION_PROVIDED, T0.plusSeconds(60), number,
                TicketStatus.CLOSED, chat));
        projection.apply(event(TicketEventType.RATED, T0.plusSeconds(120), number, TicketStatus.CLOSED, chat));

        assertThat(tickets.openTickets(chat)).singleElement()
                .satisfies(t -> assertThat(t.awaitingConfirmation()).isTrue());

        projection.apply(event(TicketEventType.CLOSED, T0.plusSeconds(180), number, TicketStatus.CLOSED, chat));
        assertThat(tickets.openTickets(chat)).isEmpty();
    }

    @Test
    @DisplayName("A chat's open tickets come newest first; refused and closed ones are left out")
    void openTicketsNewestFirst() {
        String chat = "79160000005";
        String older = newNumber();
        String newer = newNumber();
        String refused = newNumber();
        projection.apply(event(TicketEventType.REGISTERED, T0, older, TicketStatus.NEW, chat));
        projection.apply(event(TicketEventType.REGISTERED, T0.plusSeconds(10), newer, TicketStatus.NEW, chat));
        projection.apply(event(TicketEventType.REFUSED, T0.plusSeconds(20), refused, TicketStatus.REFUSED, chat));

        assertThat(tickets.openTickets(chat)).extracting(DialogueContext.OpenTicket::number)
                .containsExactly(newer, older);
    }

    @Test
    @DisplayName("An event without a ticket number is skipped")
    void anEventWithoutANumberIsSkipped() {
        projection.apply(event(TicketEventType.REGISTERED, T0, " ", TicketStatus.NEW, "79160000006"));
        assertThat(tickets.openTickets("79160000006")).isEmpty();
    }

    @Test
    @DisplayName("R5: over the limit a chat is told once per window, then throttled silently; other chats unaffected")
    void aFloodIsToldOnceThenThrottled() {
        String chat = "79160000007";
        Duration window = Duration.ofMinutes(1);
        Instant now = Instant.parse("2026-03-02T09:30:10Z");
        for (int i = 0; i < 3; i++) {
            assertThat(guard.check(chat, now, 3, window)).as("input %d", i + 1).isEmpty();
        }

        assertThat(guard.check(chat, now, 3, window)).contains(List.of(BotMessage.text(ChatFloodGuard.NOTICE)));
        assertThat(guard.check(chat, now.plusSeconds(20), 3, window)).contains(List.of());
        assertThat(guard.check("79160000008", now, 3, window)).isEmpty();
        // the next window starts counting again
        assertThat(guard.check(chat, now.plusSeconds(60), 3, window)).isEmpty();
    }

    @Test
    @DisplayName("Old flood windows are deleted, current ones kept")
    void oldWindowsAreDeleted() {
        Instant old = Instant.parse("2020-01-01T00:00:00Z");
        floods.increment("79160000009", old);
        floods.increment("79160000009", T0);

        assertThat(floods.deleteBefore(old.plusSeconds(1))).isEqualTo(1);
        assertThat(floods.increment("79160000009", T0)).isEqualTo(new ChatFloodRepository.Count(2, false));
        assertThat(floods.increment("79160000009", old)).isEqualTo(new ChatFloodRepository.Count(1, false));
    }

    @Test
    void windowsAreFixedAndKeysMasked() {
        assertThat(ChatFloodGuard.windowStart(Instant.parse("2026-03-02T09:30:59.999Z"), Duration.ofMinutes(1)))
                .isEqualTo(Instant.parse("2026-03-02T09:30:00Z"));
        assertThat(ChatFloodGuard.masked("79161234567")).isEqualTo("chat ***4567").doesNotContain("7916");
        assertThat(ChatFloodGuard.masked(null)).isEqualTo("chat ?");
        assertThat(Optional.ofNullable(ChatFloodGuard.masked("12"))).contains("chat ***12");
    }
}
