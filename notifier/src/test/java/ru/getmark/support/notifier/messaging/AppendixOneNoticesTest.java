package ru.getmark.support.notifier.messaging;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.MassProblem;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventData;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.notifier.support.PublishingTest;
import ru.getmark.support.notifier.support.Mailboxes;
import ru.getmark.support.notifier.support.Mailboxes.ReceivedMail;
import ru.getmark.support.notifier.support.TestEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Appendix 1 notices after registration (and the closure and rating notices in the same voice), each through the real path (event JSON on the real broker → notifier →
 * SMTP → GreenMail → IMAP), asserting the exact text body. Same test resources as {@link RegistrationNoticeTest}, so
 * Quarkus keeps one application for both classes.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "notifier"),
        @ResourceArg(name = "mail", value = "true")})
class AppendixOneNoticesTest extends PublishingTest {

    private static final String NAME = "ООО «Рога & Копыта»";

    @Test
    @DisplayName("R14/R20: «Передача Обращения на рассмотрение разработчикам», word for word")
    void r14RoutedToDevelopers() {
        String number = TestEvents.uniqueNumber();
        ReceivedMail mail = publishAndRead(TicketEventType.ROUTED_TO_DEVELOPERS, number, "line1",
                TicketEventData.byActor("operator"));

        assertThat(mail.subject()).isEqualTo("Передача Обращения на рассмотрение разработчикам № " + number);
        assertThat(mail.text()).isEqualTo("""
                Уважаемый(ая) ООО «Рога & Копыта»!

                Ваше обращение № %s направлено на рассмотрение разработчикам Компании «GetMark».

                С уважением, Служба технической поддержки.

                Данное письмо сгенерировано автоматически, пожалуйста, не отвечайте на это письмо.
                """.formatted(number));
        assertHtml(mail, "<p>Ваше обращение № " + number
                + " направлено на рассмотрение разработчикам Компании «GetMark».</p>");
    }

    @Test
    @DisplayName("R11/R20: «Запрос дополнительных сведений», the question in place of the placeholder")
    void r11InformationRequest() {
        String number = TestEvents.uniqueNumber();
        ReceivedMail mail = publishAndRead(TicketEventType.INFORMATION_REQUESTED, number, "info",
                new TicketEventData("operator", TicketStatus.IN_PROGRESS,
                        "Пришлите, пожалуйста, снимок экрана с ошибкой <печати>.", null, null, null, null, null,
                        null));

        assertThat(mail.subject()).isEqualTo("Запрос дополнительных сведений при рассмотрении Обращения № " + number);
        assertThat(mail.text()).isEqualTo("""
                Уважаемый(ая) ООО «Рога & Копыта»!

                По Вашему обращению № %s просим предоставить дополнительные сведения.

                Пришлите, пожалуйста, снимок экрана с ошибкой <печати>.

                Просим Вас в ответном письме, не изменяя тему письма, направить запрашиваемую информацию в течение трех рабочих дней.

                С уважением, Служба технической поддержки Компании «GetMark».
                """.formatted(number));
        assertHtml(mail, "Пришлите, пожалуйста, снимок экрана с ошибкой &lt;печати&gt;.</p>");
    }

    @Test
    @DisplayName("R12/R20: «Предоставление решения по Обращению», the solution, then the personal confirmation link")
    void r12Solution() {
        String number = TestEvents.uniqueNumber();
        String url = "https://support.getmark.ru/confirm/abc123?x=1&y=2";
        ReceivedMail mail = publishAndRead(TicketEventType.SOLUTION_PROVIDED, number, "solution",
                new TicketEventData("operator", TicketStatus.IN_PROGRESS, null,
                        "Обновите драйвер принтера до версии 2.4.\nЗатем перезапустите ПО «GetMark».", null, null,
                        url, null, null));

        assertThat(mail.subject()).isEqualTo("Предоставление решения по Обращению № " + number);
        assertThat(mail.text()).isEqualTo("""
                Уважаемый(ая) ООО «Рога & Копыта»!

                На Ваше обращение № %s поступил ответ/рекомендация.

                Обновите драйвер принтера до версии 2.4.
                Затем перезапустите ПО «GetMark».

                Просьба проверить решение и оценить работу Службы технической поддержки Компании «GetMark».

                Подтвердить решение и оценить работу: %s

                С уважением, Служба технической поддержки Компании «GetMark».
                """.formatted(number, url));
        assertHtml(mail, "<a href=\"https://support.getmark.ru/confirm/abc123?x=1&amp;y=2\">");
    }

    @Test
    @DisplayName("R14/R20: «Информация о необходимости доработки ПО по Обращению», word for word")
    void r14Rework() {
        String number = TestEvents.uniqueNumber();
        ReceivedMail mail = publishAndRead(TicketEventType.AWAITING_IMPLEMENTATION, number, "rework",
                TicketEventData.byActor("line3"));

        assertThat(mail.subject()).isEqualTo("Информация о необходимости доработки ПО по Обращению № " + number);
        assertThat(mail.text()).isEqualTo("""
                Уважаемый(ая) ООО «Рога & Копыта»!

                По Вашему обращению № %s разработчиками Компании «GetMark» будет выполнена доработка программного обеспечения.

                С уважением, Служба технической поддержки Компании «GetMark».
                """.formatted(number));
        assertHtml(mail, "будет выполнена доработка программного обеспечения.</p>");
    }

    @Test
    @DisplayName("R20: «Информация об отказе в рассмотрении Обращения», word for word (no final period, as written)")
    void refusal() {
        String number = TestEvents.uniqueNumber();
        ReceivedMail mail = publishAndRead(TicketEventType.REFUSED, number, "refused",
                new TicketEventData("operator", TicketStatus.IN_PROGRESS, null, null,
                        "Вопрос по бухгалтерскому учёту", null, null, null, null));

        assertThat(mail.subject()).isEqualTo("Информация об отказе в рассмотрении Обращения № " + number);
        assertThat(mail.text()).isEqualTo("""
                Уважаемый(ая) ООО «Рога & Копыта»!

                Вашему обращению № %s присвоен статус «Закрытое», так как решение по нему не входит в компетенцию Службы технической поддержки Компании «GetMark»

                С уважением, Служба технической поддержки Компании «GetMark».
                """.formatted(number));
        assertHtml(mail, "присвоен статус «Закрытое»");
    }

    @Test
    @DisplayName("R10/R20: «Информация об изменении сроков», the reason and the new date дд.мм.гггг (Moscow)")
    void r10DeadlineChanged() {
        String number = TestEvents.uniqueNumber();
        // 31.12.2026 22:30 UTC is already 01.01.2027 in Moscow: the date must be Moscow's.
        ReceivedMail mail = publishAndRead(TicketEventType.DEADLINE_CHANGED, number, "deadline",
                new TicketEventData("line2", null, null, null, "Требуется доработка на стороне оператора ЭДО",
                        Instant.parse("2026-12-31T22:30:00Z"), null, null, null));

        assertThat(mail.subject()).isEqualTo("Информация об изменении сроков рассмотрения Обращения № " + number);
        assertThat(mail.text()).isEqualTo("""
                Уважаемый(ая) ООО «Рога & Копыта»!

                По Вашему обращению № %s изменен срок его рассмотрения.

                Требуется доработка на стороне оператора ЭДО

                Ориентировочный срок исполнения обращения - 01.01.2027.

                С уважением, Служба технической поддержки Компании «GetMark».
                """.formatted(number));
        assertHtml(mail, "<p>Ориентировочный срок исполнения обращения - 01.01.2027.</p>");
    }

    @Test
    @DisplayName("R11/R20: closed by the system after an unanswered information request")
    void r11ClosedForLackOfAnswer() {
        String number = TestEvents.uniqueNumber();
        ReceivedMail mail = publishAndRead(TicketEventType.CLOSED, number, "noanswer",
                new TicketEventData("system", TicketStatus.AWAITING_USER, null, null,
                        "Пользователь не ответил на запрос дополнительных сведений в течение 3 рабочих дней", null,
                        null, null, null), "closed_no_answer");

        assertThat(mail.subject()).isEqualTo("Закрытие Обращения в связи с отсутствием ответа № " + number);
        assertThat(mail.text()).isEqualTo("""
                Уважаемый(ая) ООО «Рога & Копыта»!

                Вашему обращению № %s присвоен статус «Закрытое», так как запрашиваемые дополнительные сведения не поступили в течение трех рабочих дней.

                С уважением, Служба технической поддержки Компании «GetMark».
                """.formatted(number));
        assertHtml(mail, "не поступили в течение трех рабочих дней.</p>");
    }

    @Test
    @DisplayName("R12/R20: closed by the system when a solution was neither confirmed nor returned")
    void r12ClosedAfterSolution() {
        String number = TestEvents.uniqueNumber();
        ReceivedMail mail = publishAndRead(TicketEventType.CLOSED, number, "noreaction",
                new TicketEventData("system", TicketStatus.CLOSED, null, null,
                        "Пользователь не отреагировал на решение в течение 3 рабочих дней", null, null, null, null),
                "closed_after_solution");

        assertThat(mail.subject()).isEqualTo("Закрытие Обращения после предоставления решения № " + number);
        assertThat(mail.text()).isEqualTo("""
                Уважаемый(ая) ООО «Рога & Копыта»!

                Вашему обращению № %s присвоен статус «Закрытое», так как в течение трех рабочих дней с момента предоставления решения оно не было подтверждено или возвращено в работу.

                С уважением, Служба технической поддержки Компании «GetMark».
                """.formatted(number));
        assertHtml(mail, "оно не было подтверждено или возвращено в работу.</p>");
    }

    @Test
    @DisplayName("R12/R20: the rating is confirmed, with its label and the customer's comment")
    void r12RatingReceived() {
        String number = TestEvents.uniqueNumber();
        ReceivedMail mail = publishAndRead(TicketEventType.RATED, number, "rated",
                new TicketEventData("customer", null, null, null, null, null, null, "unsatisfactory",
                        "Долго <ждали>"), "rating_received");

        assertThat(mail.subject()).isEqualTo("Оценка работы по Обращению получена № " + number);
        assertThat(mail.text()).isEqualTo("""
                Уважаемый(ая) ООО «Рога & Копыта»!

                Благодарим Вас за оценку работы Службы технической поддержки Компании «GetMark» по обращению № %s.

                Ваша оценка - Неудовлетворительно.

                Ваш комментарий: Долго <ждали>

                С уважением, Служба технической поддержки Компании «GetMark».
                """.formatted(number));
        assertHtml(mail, "Ваш комментарий: Долго &lt;ждали&gt;</p>");
    }

    @Test
    @DisplayName("R20: events without a notice (status_changed, type_changed, priority_changed, line_changed,"
            + " similar_linked, closed by the customer's confirmation) send nothing")
    void eventsWithoutNoticeSendNothing() {
        String number = TestEvents.uniqueNumber();
        String email = TestEvents.uniqueEmail("silent");
        for (TicketEventType type : List.of(TicketEventType.STATUS_CHANGED, TicketEventType.TYPE_CHANGED,
                TicketEventType.PRIORITY_CHANGED, TicketEventType.LINE_CHANGED, TicketEventType.SIMILAR_LINKED)) {
            publisher.publish(TestEvents.event(type, number, NAME, email, Priority.MEDIUM, null));
        }
        TicketEvent plain = TestEvents.event(TicketEventType.CLOSED, number, NAME, email, Priority.MEDIUM, null);
        publisher.publish(new TicketEvent(plain.schema(), plain.eventId(), plain.type(), plain.occurredAt(),
                plain.ticket(), new TicketEventData("customer", TicketStatus.CLOSED, null, null,
                "Пользователь подтвердил решение", null, null, null, null)));
        // Same key, same partition: once the marker's notice is there, the events before it have been handled.
        String marker = TestEvents.uniqueEmail("marker");
        publisher.publish(TestEvents.event(TicketEventType.REFUSED, number, "Маркер", marker, Priority.MEDIUM, null));
        awaitMail(marker);

        assertThat(Mailboxes.countTo(infra.mail().greenMail(), email)).isZero();
    }

    @Test
    @DisplayName("R16 (§5.15): a declared mass problem tells the customer it is known and being fixed, word for word")
    void r16MassProblemDeclared() {
        String number = TestEvents.uniqueNumber();
        MassProblem problem = new MassProblem(7, "Не печатаются этикетки после обновления 3.2", "1001",
                Instant.parse("2026-12-25T15:00:00Z"), 5, null, null);
        ReceivedMail mail = publishAndRead(TicketEventType.MASS_PROBLEM_DECLARED, number, "mass",
                TestEvents.massProblem(problem, null), "mass_problem_declared");

        assertThat(mail.subject()).isEqualTo("Информация о возникновении массовой проблемы № " + number);
        assertThat(mail.text()).isEqualTo("""
                Уважаемый(ая) ООО «Рога & Копыта»!

                По Вашему обращению № %s выявлена массовая проблема «Не печатаются этикетки после обновления 3.2».

                Служба технической поддержки Компании «GetMark» знает о проблеме и проводит работы по ее устранению. По окончании работ Вы получите информацию об устранении проблемы.

                С уважением, Служба технической поддержки Компании «GetMark».
                """.formatted(number));
        assertHtml(mail, "выявлена массовая проблема «Не печатаются этикетки после обновления 3.2».</p>");
    }

    @Test
    @DisplayName("R16 (§5.15): a resolved mass problem tells the customer what was done, with the confirmation link")
    void r16MassProblemResolved() {
        String number = TestEvents.uniqueNumber();
        String url = "https://support.getmark.ru/confirm/mass7?t=" + number;
        MassProblem problem = new MassProblem(7, "Не печатаются этикетки после обновления 3.2", "1001",
                Instant.parse("2026-12-25T15:00:00Z"), 6, "Выпущено обновление 3.2.1 с исправлением печати.",
                Instant.parse("2026-12-26T09:00:00Z"));
        ReceivedMail mail = publishAndRead(TicketEventType.MASS_PROBLEM_RESOLVED, number, "massfixed",
                TestEvents.massProblem(problem, url), "mass_problem_resolved");

        assertThat(mail.subject()).isEqualTo("Информация об устранении массовой проблемы № " + number);
        assertThat(mail.text()).isEqualTo("""
                Уважаемый(ая) ООО «Рога & Копыта»!

                Массовая проблема «Не печатаются этикетки после обновления 3.2», выявленная по Вашему обращению № %s, устранена.

                Выпущено обновление 3.2.1 с исправлением печати.

                Подтвердить решение и оценить работу: %s

                С уважением, Служба технической поддержки Компании «GetMark».
                """.formatted(number, url));
        assertHtml(mail, "<a href=\"" + url + "\">");
    }

    @Test
    @DisplayName("R16: a resolved mass problem without a confirmation link has no link line")
    void r16MassProblemResolvedWithoutLink() {
        String number = TestEvents.uniqueNumber();
        MassProblem problem = new MassProblem(8, "Ошибка выгрузки в ЭДО", "1002", Instant.parse("2026-12-25T15:00:00Z"),
                5, "Исправлено на стороне оператора ЭДО.", Instant.parse("2026-12-26T09:00:00Z"));
        ReceivedMail mail = publishAndRead(TicketEventType.MASS_PROBLEM_RESOLVED, number, "massnolink",
                TestEvents.massProblem(problem, null), "mass_problem_resolved");

        assertThat(mail.text()).isEqualTo("""
                Уважаемый(ая) ООО «Рога & Копыта»!

                Массовая проблема «Ошибка выгрузки в ЭДО», выявленная по Вашему обращению № %s, устранена.

                Исправлено на стороне оператора ЭДО.

                С уважением, Служба технической поддержки Компании «GetMark».
                """.formatted(number));
    }

    private ReceivedMail publishAndRead(TicketEventType type, String number, String prefix, TicketEventData data) {
        return publishAndRead(type, number, prefix, data, messageIdCode(type));
    }

    private ReceivedMail publishAndRead(TicketEventType type, String number, String prefix, TicketEventData data,
                                        String noticeCode) {
        String email = TestEvents.uniqueEmail(prefix);
        TicketEvent plain = TestEvents.event(type, number, NAME, email, Priority.MEDIUM, null);
        TicketEvent event = new TicketEvent(plain.schema(), plain.eventId(), type, plain.occurredAt(), plain.ticket(),
                data);
        publisher.publish(event);
        ReceivedMail mail = awaitMail(email);
        assertThat(mail.messageId()).isEqualTo(
                "<notice." + noticeCode + "." + number + "." + event.eventId() + "@getmark.ru>");
        assertThat(mail.inReplyTo()).isEqualTo("<ticket." + number + "@getmark.ru>");
        assertThat(mail.references()).isEqualTo("<ticket." + number + "@getmark.ru>");
        return mail;
    }

    private static String messageIdCode(TicketEventType type) {
        return switch (type) {
            case ROUTED_TO_DEVELOPERS -> "routed_to_developers";
            case INFORMATION_REQUESTED -> "information_request";
            case SOLUTION_PROVIDED -> "solution";
            case AWAITING_IMPLEMENTATION -> "rework";
            case REFUSED -> "refusal";
            case DEADLINE_CHANGED -> "deadline_change";
            default -> throw new IllegalArgumentException(type.name());
        };
    }

    private static void assertHtml(ReceivedMail mail, String fragment) {
        assertThat(mail.contentType()).startsWith("multipart/alternative");
        assertThat(mail.htmlContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(mail.html())
                .contains("<p>Уважаемый(ая) ООО «Рога &amp; Копыта»!</p>")
                .contains(fragment);
    }

    private ReceivedMail awaitMail(String email) {
        List<ReceivedMail> mails = await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> Mailboxes.countTo(infra.mail().greenMail(), email) >= 1
                        ? Mailboxes.readOverImap(infra.mail().imapPort(), email) : List.<ReceivedMail>of(),
                        m -> !m.isEmpty());
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }
}
