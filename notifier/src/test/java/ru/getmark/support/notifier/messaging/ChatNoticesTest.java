package ru.getmark.support.notifier.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.ChannelAction;
import ru.getmark.support.common.event.ChannelNotice;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventData;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.notifier.domain.DeliveryStatus;
import ru.getmark.support.notifier.domain.Medium;
import ru.getmark.support.notifier.domain.NoticeDelivery;
import ru.getmark.support.notifier.repository.NoticeDeliveryRepository;
import ru.getmark.support.notifier.support.ChatNotices;
import ru.getmark.support.notifier.support.ChatNotices.Published;
import ru.getmark.support.notifier.support.PublishingTest;
import ru.getmark.support.notifier.support.Mailboxes;
import ru.getmark.support.notifier.support.TestEvents;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chat notices (R20) and the duty chat's #Пожар post (R18), read back from the real
 * {@code getmark.channel-outbound.v1} topic and checked against {@code channel-notice.v1.schema.json}. The duty chat
 * of the test profile is {@value #DUTY_CHAT}, the staff URL {@code https://support.getmark.test}.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "notifier"),
        @ResourceArg(name = "mail", value = "true")})
class ChatNoticesTest extends PublishingTest {

    private static final String DUTY_CHAT = "-1009000000001";
    private static final String NAME = "АО «Телеграм & Ко»";

    @Inject
    NoticeDeliveryRepository deliveries;

    @Test
    @DisplayName("R2/R20: a customer who came by Telegram gets the registration by email and in the chat, the chat"
            + " text without the email-only line")
    void r20TelegramCustomerGetsEmailAndChat() {
        String number = TestEvents.uniqueNumber();
        String email = TestEvents.uniqueEmail("tg");
        long chatId = TestEvents.uniqueTelegramChatId();
        TicketEvent event = TestEvents.withCustomer(TestEvents.registered(number, NAME, email),
                new CustomerContact(NAME, email, "+79250000000", chatId, null));
        publisher.publish(event);

        Published published = awaitChat(number, 1).get(0);
        assertThat(ChatNotices.violations(published)).isEmpty();
        assertThat(published.key()).isEqualTo("telegram:" + chatId);
        ChannelNotice notice = published.notice();
        assertThat(notice.schema()).isEqualTo("getmark.channel-outbound.v1");
        assertThat(notice.noticeId()).isEqualTo("registration." + event.eventId() + ".telegram." + chatId);
        assertThat(notice.eventId()).isEqualTo(event.eventId());
        assertThat(notice.ticketNumber()).isEqualTo(number);
        assertThat(notice.notice()).isEqualTo("registration");
        assertThat(notice.audience()).isEqualTo(ChannelNotice.Audience.CUSTOMER);
        assertThat(notice.channel()).isEqualTo(Channel.TELEGRAM);
        assertThat(notice.address()).isEqualTo(Long.toString(chatId));
        assertThat(notice.actions()).isEmpty();
        assertThat(notice.createdAt()).isNotNull();
        assertThat(notice.text()).isEqualTo("""
                Уважаемый(ая) АО «Телеграм & Ко»!

                Ваше Обращение зарегистрировано за № %s.

                Дата/Время регистрации - 25.12.2026 17:00 (Мск).

                Ориентировочный срок исполнения обращения - 28.12.2026 15:30 (Мск).

                С уважением, Служба технической поддержки Компании «GetMark».""".formatted(number));

        await().atMost(WAIT).until(() -> Mailboxes.countTo(infra.mail().greenMail(), email) == 1);
        List<NoticeDelivery> rows = await().atMost(WAIT).until(() -> rows(event),
                r -> r.size() == 2 && r.stream().allMatch(d -> d.status == DeliveryStatus.SENT));
        assertThat(rows).extracting(d -> d.medium).containsExactlyInAnyOrder(Medium.EMAIL, Medium.TELEGRAM);
        assertThat(metrics()).containsPattern(
                "getmark_notices_sent_total\\{[^}]*channel=\"telegram\"[^}]*notice=\"registration\"[^}]*} [1-9]");
    }

    @Test
    @DisplayName("R12/R20: the solution in Telegram has the buttons «Проблема решена», «Проблема не решена» and the"
            + " confirmation page")
    void r12SolutionWithButtons() {
        String number = TestEvents.uniqueNumber();
        long chatId = TestEvents.uniqueTelegramChatId();
        String url = "https://support.getmark.ru/confirm/tg" + number;
        TicketEvent event = chatEvent(TicketEventType.SOLUTION_PROVIDED, number,
                new CustomerContact(NAME, TestEvents.uniqueEmail("tgsol"), null, chatId, null),
                new TicketEventData("operator", TicketStatus.IN_PROGRESS, null, "Перезапустите службу печати.",
                        null, null, url, null, null));
        publisher.publish(event);

        Published published = awaitChat(number, 1).get(0);
        assertThat(ChatNotices.violations(published)).isEmpty();
        assertThat(published.notice().notice()).isEqualTo("solution");
        assertThat(published.notice().actions()).containsExactly(
                new ChannelAction(ChannelAction.CONFIRM_SOLUTION, "Проблема решена", null),
                new ChannelAction(ChannelAction.REJECT_SOLUTION, "Проблема не решена", null),
                new ChannelAction(ChannelAction.OPEN_URL, "Подтвердить решение и оценить работу", url));
        assertThat(published.notice().text()).isEqualTo("""
                Уважаемый(ая) АО «Телеграм & Ко»!

                На Ваше обращение № %s поступил ответ/рекомендация.

                Перезапустите службу печати.

                Просьба проверить решение и оценить работу Службы технической поддержки Компании «GetMark».

                Подтвердить решение и оценить работу: %s

                С уважением, Служба технической поддержки Компании «GetMark».""".formatted(number, url));
        assertThat(published.json().at("/actions/2/code").asText()).isEqualTo("open_url");
    }

    @Test
    @DisplayName("R11/R20: a WhatsApp customer without email gets the information request in the chat only, with"
            + " «Ответить»")
    void r11WhatsappOnlyCustomer() {
        String number = TestEvents.uniqueNumber();
        String waId = TestEvents.uniqueWhatsappId();
        TicketEvent event = chatEvent(TicketEventType.INFORMATION_REQUESTED, number,
                new CustomerContact("Петров Пётр", null, "+" + waId, null, waId),
                new TicketEventData("operator", TicketStatus.IN_PROGRESS, "Пришлите снимок экрана.", null, null,
                        null, null, null, null));
        publisher.publish(event);

        Published published = awaitChat(number, 1).get(0);
        assertThat(ChatNotices.violations(published)).isEmpty();
        assertThat(published.key()).isEqualTo("whatsapp:" + waId);
        assertThat(published.notice().channel()).isEqualTo(Channel.WHATSAPP);
        assertThat(published.notice().noticeId())
                .isEqualTo("information_request." + event.eventId() + ".whatsapp." + waId);
        assertThat(published.notice().actions())
                .containsExactly(new ChannelAction(ChannelAction.ANSWER, "Ответить", null));
        assertThat(published.notice().text()).isEqualTo("""
                Уважаемый(ая) Петров Пётр!

                По Вашему обращению № %s просим предоставить дополнительные сведения.

                Пришлите снимок экрана.

                Просим Вас направить запрашиваемую информацию ответным сообщением в течение трех рабочих дней.

                С уважением, Служба технической поддержки Компании «GetMark».""".formatted(number));

        List<NoticeDelivery> rows = await().atMost(WAIT).until(() -> rows(event),
                r -> r.size() == 1 && r.get(0).status == DeliveryStatus.SENT);
        assertThat(rows.get(0).medium).isEqualTo(Medium.WHATSAPP);
        assertThat(infra.mail().greenMail().getReceivedMessages())
                .noneMatch(m -> Mailboxes.messageId(m).contains(event.eventId()));
    }

    @Test
    @DisplayName("R18: a ticket registered as Критический posts #Пожар to the duty chat, Appendix 2 format, once")
    void r18RegisteredCriticalPostsFireAlarm() {
        String number = TestEvents.uniqueNumber();
        TicketEvent event = TestEvents.registered(number, NAME, TestEvents.uniqueEmail("fire"), Priority.CRITICAL,
                null);
        publisher.publish(event);
        publisher.publish(event);

        Published published = awaitDutyPost(number);
        assertThat(ChatNotices.violations(published)).isEmpty();
        assertThat(published.key()).isEqualTo("telegram:" + DUTY_CHAT);
        ChannelNotice notice = published.notice();
        assertThat(notice.audience()).isEqualTo(ChannelNotice.Audience.DUTY_CHAT);
        assertThat(published.json().get("audience").asText()).isEqualTo("duty_chat");
        assertThat(notice.channel()).isEqualTo(Channel.TELEGRAM);
        assertThat(notice.address()).isEqualTo(DUTY_CHAT);
        assertThat(notice.noticeId()).isEqualTo("fire_alarm." + event.eventId() + ".telegram." + DUTY_CHAT);
        assertThat(notice.text()).isEqualTo("""
                #Пожар
                Краткое название: Не печатается этикетка
                Описание проблемы: Не печатается этикетка
                Клиент: АО «Телеграм & Ко»
                Ссылка на обращение № %s: https://support.getmark.test/api/tickets/%s""".formatted(number, number));
        assertThat(notice.actions()).containsExactly(new ChannelAction(ChannelAction.OPEN_URL, "Открыть обращение",
                "https://support.getmark.test/api/tickets/" + number));

        // The copy of the event was turned away; the customer's own notice went by email only.
        awaitMarkerBehind(number);
        assertThat(ChatNotices.ofTicket(infra.bootstrapServers(), number))
                .filteredOn(p -> p.notice().notice().equals("fire_alarm")).hasSize(1);
        assertThat(rows(event)).extracting(d -> d.medium)
                .containsExactlyInAnyOrder(Medium.EMAIL, Medium.DUTY_CHAT);
    }

    @Test
    @DisplayName("R18: raising the priority to Критический posts #Пожар with the reason as description; lowering it"
            + " or other events of the critical ticket post nothing")
    void r18PriorityRaisedToCritical() {
        String number = TestEvents.uniqueNumber();
        String email = TestEvents.uniqueEmail("raised");
        TicketEvent raised = TestEvents.withData(
                TestEvents.event(TicketEventType.PRIORITY_CHANGED, number, "ИП Сидоров", email, Priority.CRITICAL,
                        null),
                priorityChange(Priority.HIGH, "У клиента полностью недоступно ПО «GetMark»"));
        publisher.publish(raised);
        publisher.publish(TestEvents.event(TicketEventType.STATUS_CHANGED, number, "ИП Сидоров", email,
                Priority.CRITICAL, null));
        publisher.publish(TestEvents.withData(
                TestEvents.event(TicketEventType.PRIORITY_CHANGED, number, "ИП Сидоров", email, Priority.HIGH, null),
                priorityChange(Priority.CRITICAL, "Обходное решение найдено")));

        Published published = awaitDutyPost(number);
        assertThat(published.notice().eventId()).isEqualTo(raised.eventId());
        assertThat(published.notice().text()).isEqualTo("""
                #Пожар
                Краткое название: Не печатается этикетка
                Описание проблемы: У клиента полностью недоступно ПО «GetMark»
                Клиент: ИП Сидоров
                Ссылка на обращение № %s: https://support.getmark.test/api/tickets/%s""".formatted(number, number));

        awaitMarkerBehind(number);
        assertThat(ChatNotices.ofTicket(infra.bootstrapServers(), number)).hasSize(1);
        assertThat(Mailboxes.countTo(infra.mail().greenMail(), email)).as("priority changes email nothing").isZero();
    }

    private static TicketEventData priorityChange(Priority previous, String reason) {
        return new TicketEventData("line2", null, null, null, reason, null, null, null, null, null, null, previous,
                null, null, null, null, null);
    }

    private static TicketEvent chatEvent(TicketEventType type, String number, CustomerContact customer,
                                         TicketEventData data) {
        return TestEvents.withData(TestEvents.withCustomer(
                TestEvents.event(type, number, customer.name(), customer.email(), Priority.MEDIUM, null), customer),
                data);
    }

    private List<Published> awaitChat(String number, int count) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> ChatNotices.ofTicket(infra.bootstrapServers(), number).stream()
                        .filter(p -> p.notice().audience() == ChannelNotice.Audience.CUSTOMER).toList(),
                        published -> published.size() >= count);
    }

    private Published awaitDutyPost(String number) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> ChatNotices.ofTicket(infra.bootstrapServers(), number).stream()
                        .filter(p -> p.notice().audience() == ChannelNotice.Audience.DUTY_CHAT).toList(),
                        published -> !published.isEmpty()).get(0);
    }

    /** Same ticket, same partition: once the marker's email is there, every event before it has been handled. */
    private void awaitMarkerBehind(String number) {
        String marker = TestEvents.uniqueEmail("marker");
        publisher.publish(TestEvents.event(TicketEventType.REFUSED, number, "Маркер", marker, Priority.MEDIUM,
                null));
        await().atMost(WAIT).until(() -> Mailboxes.countTo(infra.mail().greenMail(), marker) == 1);
    }

    private List<NoticeDelivery> rows(TicketEvent event) {
        return QuarkusTransaction.requiringNew().call(() -> deliveries.findByEvent(event.eventId()));
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
