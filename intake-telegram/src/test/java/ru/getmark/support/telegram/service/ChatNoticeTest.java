package ru.getmark.support.telegram.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.adapter.chat.ChatTicketRepository;
import ru.getmark.support.common.dialog.DialogueContext;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.ChannelAction;
import ru.getmark.support.common.event.ChannelNotice;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.Deadlines;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventData;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketSnapshot;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.infra.kafka.TopicReader;
import ru.getmark.support.infra.kafka.TopicWriter;
import ru.getmark.support.infra.telegram.FakeTelegramApi;
import ru.getmark.support.infra.telegram.SimButton;
import ru.getmark.support.infra.telegram.SimMessage;
import ru.getmark.support.telegram.support.FakeTelegramResource;
import ru.getmark.support.telegram.support.InjectFakeTelegram;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chat notices (R20) from the real getmark.channel-outbound.v1 and the answers to them (R11, R12): the notice reaches
 * the chat with its buttons once per noticeId, the #Пожар post reaches the duty chat, and the solution's buttons turn
 * into CONFIRMATION / FOLLOW_UP on getmark.intake.v1 while the ticket projection (fed from the real
 * getmark.ticket-events.v1) knows the solution awaits confirmation.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "telegram"))
@WithTestResource(FakeTelegramResource.class)
class ChatNoticeTest {

    private static final AtomicLong USERS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 100 + 50);

    @InjectInfra
    Infra infra;

    @InjectFakeTelegram
    FakeTelegramApi telegram;

    @Inject
    ChatTicketRepository tickets;

    /** A customer who has written to the bot (Telegram lets a bot write only to chats that started it). */
    private long startedUser() {
        long user = USERS.incrementAndGet();
        telegram.userMessage(user, "/start");
        await().atMost(Duration.ofSeconds(20)).until(() -> !telegram.botMessages(user).isEmpty());
        return user;
    }

    private static ChannelNotice solutionNotice(String noticeId, String ticket, long chat) {
        return new ChannelNotice(ChannelNotice.SCHEMA, noticeId, "event-" + noticeId, ticket, "solution",
                ChannelNotice.Audience.CUSTOMER, Channel.TELEGRAM, Long.toString(chat),
                "По Обращению № " + ticket + " предоставлено решение: перезапустите агент печати. "
                        + "Подтвердите, пожалуйста, что проблема решена.",
                List.of(ChannelAction.of(ChannelAction.CONFIRM_SOLUTION, "Проблема решена"),
                        ChannelAction.of(ChannelAction.REJECT_SOLUTION, "Не решена"),
                        ChannelAction.link("Открыть обращение", "https://support.getmark.test/t/" + ticket)),
                Instant.now());
    }

    private void publish(ChannelNotice notice) {
        TopicWriter.send(infra.bootstrapServers(), Topics.CHANNEL_OUTBOUND, notice.key(), notice);
    }

    private void publish(TicketEvent event) {
        TopicWriter.send(infra.bootstrapServers(), Topics.TICKET_EVENTS, event.key(), event);
    }

    private static TicketEvent event(TicketEventType type, String ticket, long chat, TicketStatus status,
                                     Instant deadline, Instant at) {
        TicketSnapshot snapshot = new TicketSnapshot(ticket, status, null, null, null, "7707083893",
                new CustomerContact("Анна", null, null, chat, null), Channel.TELEGRAM, at.minus(1, ChronoUnit.HOURS),
                new Deadlines(deadline, null, null), "Не печатается этикетка");
        return TicketEvent.of(type, at, snapshot, TicketEventData.byActor("operator"));
    }

    private Optional<DialogueContext.OpenTicket> projected(long chat, String ticket) {
        return QuarkusTransaction.requiringNew().call(() -> tickets.openTickets(TelegramChatKeys.of(chat))).stream()
                .filter(t -> t.number().equals(ticket)).findFirst();
    }

    /** solution_provided, then a later event of the ticket in Закрытое; returns once the projection has both. */
    private void solved(long chat, String ticket) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant laterDeadline = at.plus(5, ChronoUnit.DAYS);
        publish(event(TicketEventType.SOLUTION_PROVIDED, ticket, chat, TicketStatus.CLOSED,
                at.plus(2, ChronoUnit.DAYS), at));
        // Any later event must not end the confirmation window (only a final close or a reopening does).
        publish(event(TicketEventType.DEADLINE_CHANGED, ticket, chat, TicketStatus.CLOSED, laterDeadline,
                at.plusSeconds(1)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Optional<DialogueContext.OpenTicket> t = projected(chat, ticket);
            assertThat(t).as("ticket %s in the chat's projection", ticket).isPresent();
            assertThat(t.get().deadline()).isEqualTo(laterDeadline);
            assertThat(t.get().awaitingConfirmation()).isTrue();
        });
    }

    private SimMessage deliveredNotice(long chat, String ticket) {
        await().atMost(Duration.ofSeconds(30)).until(() -> telegram.botMessages(chat).stream()
                .anyMatch(m -> m.text().contains("предоставлено решение") && m.text().contains(ticket)));
        return telegram.botMessages(chat).stream().filter(m -> m.text().contains("предоставлено решение"))
                .reduce((a, b) -> b).orElseThrow();
    }

    private List<IntakeMessage> intakeOfTicket(long chat, String ticket) {
        return TopicReader.intakeOfTelegramChat(infra.bootstrapServers(), chat).stream()
                .filter(m -> ticket.equals(m.ticketNumber())).toList();
    }

    @Test
    @DisplayName("R20: a chat notice reaches the chat with its buttons, and the same noticeId twice makes one message")
    void noticeDeliveredOnceWithButtons() {
        long user = startedUser();
        int before = telegram.botMessages(user).size();
        String ticket = "TG-" + user;
        ChannelNotice notice = solutionNotice("notice-" + user, ticket, user);
        publish(notice);
        publish(notice);
        // A later notice in the same chat (same key, same partition): once it is there, both copies were consumed.
        ChannelNotice marker = new ChannelNotice(ChannelNotice.SCHEMA, "marker-" + user, "e", ticket, "registration",
                ChannelNotice.Audience.CUSTOMER, Channel.TELEGRAM, Long.toString(user),
                "Обращение № " + ticket + " зарегистрировано.", List.of(), Instant.now());
        publish(marker);
        await().atMost(Duration.ofSeconds(30)).until(() -> telegram.botMessages(user).stream()
                .anyMatch(m -> m.text().contains("зарегистрировано")));

        List<SimMessage> sent = telegram.botMessages(user).subList(before, telegram.botMessages(user).size());
        assertThat(sent).extracting(SimMessage::text).filteredOn(t -> t.contains("предоставлено решение")).hasSize(1);
        SimMessage m = sent.get(0);
        assertThat(m.text()).isEqualTo(notice.text());
        assertThat(m.buttons().stream().flatMap(List::stream).toList())
                .extracting(SimButton::text, SimButton::callbackData, SimButton::url)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Проблема решена", "c:" + ticket, null),
                        org.assertj.core.groups.Tuple.tuple("Не решена", "r:" + ticket, null),
                        org.assertj.core.groups.Tuple.tuple("Открыть обращение", null,
                                "https://support.getmark.test/t/" + ticket));
        assertThat(sent).hasSize(2);
    }

    @Test
    @DisplayName("Appendix 2: the #Пожар post reaches the duty group chat")
    void fireAlarmReachesDutyChat() {
        long dutyChat = -1_000_000_000_000L - USERS.incrementAndGet();
        ChannelNotice fire = new ChannelNotice(ChannelNotice.SCHEMA, "fire-" + dutyChat, "e-fire", "TG-FIRE",
                "fire_alarm", ChannelNotice.Audience.DUTY_CHAT, Channel.TELEGRAM, Long.toString(dutyChat),
                "#Пожар Критичное обращение № TG-FIRE: не печатается этикетка на всех складах.", List.of(),
                Instant.now());
        publish(fire);
        await().atMost(Duration.ofSeconds(30)).until(() -> !telegram.botMessages(dutyChat).isEmpty());
        assertThat(telegram.botMessages(dutyChat)).singleElement()
                .satisfies(m -> assertThat(m.text()).startsWith("#Пожар").contains("TG-FIRE"));
    }

    @Test
    @DisplayName("R12: «Проблема решена» under the solution notice publishes a CONFIRMATION, even after later events")
    void confirmButtonPublishesConfirmation() {
        long user = startedUser();
        String ticket = "TC-" + user;
        solved(user, ticket);
        publish(solutionNotice("solution-" + user, ticket, user));
        SimMessage notice = deliveredNotice(user, ticket);

        telegram.userCallback(user, notice.messageId(), notice.callbackDataOf("Проблема решена"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<IntakeMessage> intake = intakeOfTicket(user, ticket);
            assertThat(intake).singleElement().satisfies(m -> {
                assertThat(m.kind()).isEqualTo(IntakeMessage.Kind.CONFIRMATION);
                assertThat(m.channel()).isEqualTo(Channel.TELEGRAM);
            });
        });
        assertThat(telegram.lastBotMessage(user).text()).isNotBlank();
        assertThat(telegram.botMessages(user)).anyMatch(m -> m.text().contains("Спасибо, что подтвердили"));

        // The final close ends the window: the ticket leaves the chat's open tickets.
        publish(event(TicketEventType.CLOSED, ticket, user, TicketStatus.CLOSED, null, Instant.now().plusSeconds(5)));
        await().atMost(Duration.ofSeconds(30)).until(() -> projected(user, ticket).isEmpty());
    }

    @Test
    @DisplayName("R12, §5.27: «Не решена» under the solution notice publishes a FOLLOW_UP that reopens the ticket")
    void rejectButtonPublishesFollowUp() {
        long user = startedUser();
        String ticket = "TR-" + user;
        solved(user, ticket);
        publish(solutionNotice("solution-" + user, ticket, user));
        SimMessage notice = deliveredNotice(user, ticket);

        telegram.userCallback(user, notice.messageId(), notice.callbackDataOf("Не решена"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<IntakeMessage> intake = intakeOfTicket(user, ticket);
            assertThat(intake).singleElement()
                    .satisfies(m -> assertThat(m.kind()).isEqualTo(IntakeMessage.Kind.FOLLOW_UP));
        });

        // solution_rejected reopens it: open, no longer awaiting confirmation.
        publish(event(TicketEventType.SOLUTION_REJECTED, ticket, user, TicketStatus.IN_PROGRESS, null,
                Instant.now().plusSeconds(5)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(projected(user, ticket))
                .hasValueSatisfying(t -> assertThat(t.awaitingConfirmation()).isFalse()));
    }

    @Test
    @DisplayName("R12: a confirm button for a ticket not awaiting confirmation publishes nothing")
    void confirmWithoutSolutionPublishesNothing() {
        long user = startedUser();
        String ticket = "TN-" + user;
        Instant at = Instant.now();
        publish(event(TicketEventType.REGISTERED, ticket, user, TicketStatus.NEW, at.plus(1, ChronoUnit.DAYS), at));
        await().atMost(Duration.ofSeconds(30)).until(() -> projected(user, ticket).isPresent());
        publish(solutionNotice("early-" + user, ticket, user));
        SimMessage notice = deliveredNotice(user, ticket);

        telegram.userCallback(user, notice.messageId(), notice.callbackDataOf("Проблема решена"));

        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.botMessages(user).stream()
                .anyMatch(m -> m.text().contains("подтверждение уже не требуется")));
        assertThat(intakeOfTicket(user, ticket)).isEmpty();
    }
}
