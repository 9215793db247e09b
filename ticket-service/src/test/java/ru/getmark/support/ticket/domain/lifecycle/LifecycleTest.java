package ru.getmark.support.ticket.domain.lifecycle;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import ru.getmark.support.common.event.AttachmentRef;
import ru.getmark.support.common.event.BugReport;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.Deadlines;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.common.time.MoscowTime;
import ru.getmark.support.ticket.domain.Ticket;
import ru.getmark.support.ticket.domain.TicketAttachment;
import ru.getmark.support.ticket.domain.sla.ProductionCalendar;
import ru.getmark.support.ticket.domain.sla.SlaClock;
import ru.getmark.support.ticket.domain.sla.SlaPolicy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.getmark.support.common.event.TicketStatus.AWAITING_IMPLEMENTATION;
import static ru.getmark.support.common.event.TicketStatus.AWAITING_USER;
import static ru.getmark.support.common.event.TicketStatus.CLOSED;
import static ru.getmark.support.common.event.TicketStatus.IN_PROGRESS;
import static ru.getmark.support.common.event.TicketStatus.NEW;

/** The state machine of R8 with the clock's pauses (R9) and the line rules (R14), without a container. */
class LifecycleTest {

    private static final ProductionCalendar CALENDAR = ProductionCalendar.loadDefault();
    private static final SlaPolicy POLICY = new SlaPolicy(new SlaClock(CALENDAR));
    private static final Lifecycle LIFECYCLE = new Lifecycle(POLICY, CALENDAR);

    private static final Actor LINE1 = Actor.staff("operator", Set.of("LINE1"));
    private static final Actor LINE2 = Actor.staff("line2", Set.of("LINE2"));
    private static final Actor LINE3 = Actor.staff("line3", Set.of("LINE3"));
    private static final Actor ADMIN = Actor.staff("admin", Set.of("ADMIN"));

    /** Monday 2026-12-07 10:00 MSK, a plain working day. */
    private static final Instant MONDAY = at("2026-12-07T10:00");

    private Ticket t;

    static Instant at(String msk) {
        return LocalDateTime.parse(msk).atZone(MoscowTime.ZONE).toInstant();
    }

    @BeforeEach
    void newTicket() {
        t = new Ticket();
        t.number = "1000";
        t.status = NEW;
        t.type = TicketType.SOFTWARE_BUG;
        t.priority = Priority.MEDIUM;
        t.line = SupportLine.FIRST;
        t.channel = Channel.EMAIL;
        t.inn = "7707083893";
        t.customerName = "ООО «Ромашка»";
        t.subject = "Не отправляется УПД контрагенту через ЭДО";
        t.text = "При отправке УПД ошибка 500.";
        t.process = "edo-send";
        t.registeredAt = MONDAY;
        t.receivedAt = MONDAY;
        t.setDeadlines(POLICY.deadlines(Priority.MEDIUM, MONDAY));
        TicketAttachment a = TicketAttachment.of(new AttachmentRef("screen.png", "image/png", 10, null, null));
        t.addAttachment(a);
    }

    private void inProgress() {
        LIFECYCLE.take(t, LINE1, MONDAY);
    }

    @Test
    @DisplayName("R8: take into work — Новый → В работе, recorded and announced")
    void take() {
        Outcome o = LIFECYCLE.take(t, LINE1, MONDAY);
        assertThat(t.status).isEqualTo(IN_PROGRESS);
        assertThat(o.steps()).containsExactly(new Outcome.StatusStep(NEW, IN_PROGRESS, "Взято в работу"));
        assertThat(o.events()).extracting(Outcome.Emitted::type).containsExactly(TicketEventType.STATUS_CHANGED);
        assertThat(o.events().get(0).data().previousStatus()).isEqualTo(NEW);
        assertThat(o.actor()).isEqualTo("operator");
    }

    @Test
    @DisplayName("R8: an illegal action is refused with the allowed ones")
    void illegalTransitionCarriesAllowedActions() {
        assertThatThrownBy(() -> LIFECYCLE.solve(t, LINE1, MONDAY, "Решение", null))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.allowed()).contains(StaffAction.TAKE, StaffAction.REFUSE, StaffAction.ESCALATE)
                            .doesNotContain(StaffAction.SOLVE, StaffAction.RETURN, StaffAction.ASSIGN);
                    assertThat(e.getMessage()).contains("Предоставить решение", "«Новый»", "take");
                });
        assertThat(t.status).isEqualTo(NEW);
    }

    @ParameterizedTest
    @EnumSource(StaffAction.class)
    @DisplayName("R8: allowed() lists exactly the actions whose source status matches")
    void allowedMatchesSourceStatuses(StaffAction action) {
        t.line = SupportLine.SECOND;
        for (TicketStatus s : TicketStatus.values()) {
            t.status = s;
            // ASSIGN needs line 3, UNLINK a linked ticket (R15)
            boolean expected = action.from().contains(s) && action != StaffAction.ASSIGN
                    && action != StaffAction.UNLINK;
            assertThat(LIFECYCLE.allowed(t, ADMIN).contains(action)).as(action + " in " + s).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("R14: a line acts only on its own line's tickets; ADMIN on all")
    void lineRules() {
        assertThatThrownBy(() -> LIFECYCLE.take(t, LINE2, MONDAY)).isInstanceOf(LineForbiddenException.class)
                .hasMessageContaining("Первая линия");
        assertThat(LIFECYCLE.allowed(t, LINE2)).isEmpty();
        assertThat(t.status).isEqualTo(NEW);
        LIFECYCLE.take(t, ADMIN, MONDAY);
        assertThat(t.status).isEqualTo(IN_PROGRESS);
    }

    @Test
    @DisplayName("R11, R9: information request pauses the clock; the answer resumes it and the deadlines move by the pause")
    void requestInformationPausesTheClock() {
        inProgress();
        Deadlines before = t.deadlines();
        Outcome o = LIFECYCLE.requestInformation(t, LINE1, MONDAY.plus(Duration.ofHours(1)), "Пришлите скриншот");
        assertThat(t.status).isEqualTo(AWAITING_USER);
        assertThat(t.pausedAt).isEqualTo(MONDAY.plus(Duration.ofHours(1)));
        assertThat(t.answerDeadline).isEqualTo(at("2026-12-10T11:00"));
        assertThat(o.events().get(0).type()).isEqualTo(TicketEventType.INFORMATION_REQUESTED);
        assertThat(o.events().get(0).data().question()).isEqualTo("Пришлите скриншот");
        assertThat(t.pauses).hasSize(1);

        // the customer answers the next day at 11:00: one whole working day later
        Instant answer = at("2026-12-08T11:00");
        Outcome back = LIFECYCLE.followUp(t, answer, "Вот скриншот");
        assertThat(t.status).isEqualTo(IN_PROGRESS);
        assertThat(t.pausedAt).isNull();
        assertThat(t.pauses.get(0).endedAt).isEqualTo(answer);
        assertThat(back.events()).extracting(Outcome.Emitted::type).containsExactly(TicketEventType.FOLLOW_UP_RECEIVED);
        assertThat(back.events().get(0).data().text()).isEqualTo("Вот скриншот");
        assertThat(t.deadlines()).isEqualTo(POLICY.resume(before, MONDAY.plus(Duration.ofHours(1)), answer));
        assertThat(t.resolutionDeadline).isAfter(before.resolution());
        assertThat(t.answerDeadline).isNull();
    }

    @Test
    @DisplayName("R13, R9: Ожидается реализация pauses the clock; resume restarts it")
    void awaitImplementationPausesAndResumes() {
        inProgress();
        LIFECYCLE.awaitImplementation(t, LINE1, MONDAY, "Нужна доработка формы");
        assertThat(t.status).isEqualTo(AWAITING_IMPLEMENTATION);
        assertThat(t.pausedAt).isEqualTo(MONDAY);
        Deadlines before = t.deadlines();
        Outcome o = LIFECYCLE.resume(t, LINE1, at("2026-12-09T10:00"), "Вышел релиз");
        assertThat(t.status).isEqualTo(IN_PROGRESS);
        assertThat(t.deadlines()).isEqualTo(POLICY.resume(before, MONDAY, at("2026-12-09T10:00")));
        assertThat(o.steps()).containsExactly(new Outcome.StatusStep(AWAITING_IMPLEMENTATION, IN_PROGRESS, "Вышел релиз"));
    }

    @Test
    @DisplayName("R12: solution → Закрытое pending confirmation for 3 working days; confirm → final with the rating")
    void solveAndConfirm() {
        inProgress();
        Instant friday = at("2026-12-11T15:00");
        Outcome o = LIFECYCLE.solve(t, LINE1, friday, "Переустановите сертификат", "http://x/confirm/abc");
        assertThat(t.status).isEqualTo(CLOSED);
        assertThat(t.awaitingConfirmation).isTrue();
        assertThat(t.confirmationDeadline).isEqualTo(at("2026-12-16T15:00")); // Mon, Tue, Wed
        assertThat(o.events().get(0).data().confirmationUrl()).isEqualTo("http://x/confirm/abc");
        assertThat(Lifecycle.statusLabel(t)).contains("ожидает подтверждения");

        Outcome c = LIFECYCLE.confirm(t, at("2026-12-14T09:00"), "unsatisfactory", "Долго");
        assertThat(t.awaitingConfirmation).isFalse();
        assertThat(t.rating).isEqualTo("unsatisfactory");
        assertThat(t.ratingComment).isEqualTo("Долго");
        assertThat(c.events()).extracting(Outcome.Emitted::type)
                .containsExactly(TicketEventType.RATED, TicketEventType.CLOSED);
        assertThatThrownBy(() -> LIFECYCLE.confirm(t, at("2026-12-14T09:01"), "satisfactory", null))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    @DisplayName("R12: a rating must be one of the two")
    void ratingIsChecked() {
        inProgress();
        LIFECYCLE.solve(t, LINE1, MONDAY, "Решение", null);
        assertThatThrownBy(() -> LIFECYCLE.confirm(t, MONDAY, "excellent", null))
                .isInstanceOf(InvalidActionException.class);
        assertThat(t.awaitingConfirmation).isTrue();
    }

    @Test
    @DisplayName("R12, §5.27: not confirmed, or a reply within the window → В работе; after the window → a new ticket")
    void rejectAndFollowUpWithinWindow() {
        inProgress();
        LIFECYCLE.solve(t, LINE1, MONDAY, "Решение", null);
        Outcome r = LIFECYCLE.reject(t, MONDAY.plusSeconds(60), "Не помогло");
        assertThat(t.status).isEqualTo(IN_PROGRESS);
        assertThat(t.awaitingConfirmation).isFalse();
        assertThat(r.events().get(0).type()).isEqualTo(TicketEventType.SOLUTION_REJECTED);

        LIFECYCLE.solve(t, LINE1, MONDAY, "Решение 2", null);
        assertThat(LIFECYCLE.followUpEffect(t, MONDAY.plusSeconds(120))).isEqualTo(Lifecycle.FollowUpEffect.REOPENED);
        Outcome f = LIFECYCLE.followUp(t, MONDAY.plusSeconds(120), "Всё ещё ошибка");
        assertThat(f.events().get(0).type()).isEqualTo(TicketEventType.REOPENED);
        assertThat(t.status).isEqualTo(IN_PROGRESS);

        LIFECYCLE.solve(t, LINE1, MONDAY, "Решение 3", null);
        assertThat(LIFECYCLE.followUpEffect(t, t.confirmationDeadline))
                .isEqualTo(Lifecycle.FollowUpEffect.CLOSED_FOR_GOOD);
        LIFECYCLE.autoClose(t, t.confirmationDeadline);
        assertThat(LIFECYCLE.followUpEffect(t, MONDAY)).isEqualTo(Lifecycle.FollowUpEffect.CLOSED_FOR_GOOD);
    }

    @Test
    @DisplayName("R12: a confirmation message closes the ticket for good within the window, without a rating")
    void confirmByMessage() {
        inProgress();
        LIFECYCLE.solve(t, LINE1, MONDAY, "Решение", null);
        Outcome o = LIFECYCLE.confirmByMessage(t, MONDAY.plusSeconds(60), "Всё работает");
        assertThat(t.status).isEqualTo(CLOSED);
        assertThat(t.awaitingConfirmation).isFalse();
        assertThat(t.rating).isNull();
        assertThat(o.events()).extracting(Outcome.Emitted::type).containsExactly(TicketEventType.CLOSED);
        assertThatThrownBy(() -> LIFECYCLE.confirmByMessage(t, MONDAY.plusSeconds(120), "ещё раз"))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(LIFECYCLE.recordMessage(t, "Спасибо").events().get(0).type())
                .isEqualTo(TicketEventType.FOLLOW_UP_RECEIVED);
    }

    @Test
    @DisplayName("R4: a follow-up for a ticket in work is only recorded")
    void followUpRecorded() {
        inProgress();
        assertThat(LIFECYCLE.followUpEffect(t, MONDAY)).isEqualTo(Lifecycle.FollowUpEffect.RECORDED);
        Outcome o = LIFECYCLE.followUp(t, MONDAY, "Ещё деталь");
        assertThat(o.steps()).isEmpty();
        assertThat(o.events().get(0).type()).isEqualTo(TicketEventType.FOLLOW_UP_RECEIVED);
        assertThat(t.status).isEqualTo(IN_PROGRESS);
    }

    @Test
    @DisplayName("R11, R12: auto-close only when 3 working days passed")
    void autoClose() {
        inProgress();
        LIFECYCLE.requestInformation(t, LINE1, MONDAY, "Вопрос");
        assertThat(Lifecycle.autoCloseDue(t, at("2026-12-10T09:59"))).isFalse();
        assertThatThrownBy(() -> LIFECYCLE.autoClose(t, at("2026-12-10T09:59")))
                .isInstanceOf(IllegalTransitionException.class);
        Outcome o = LIFECYCLE.autoClose(t, at("2026-12-10T10:00"));
        assertThat(t.status).isEqualTo(CLOSED);
        assertThat(t.closeReason).contains("не ответил");
        assertThat(t.pausedAt).isNull();
        assertThat(t.pauses.get(0).endedAt).isEqualTo(at("2026-12-10T10:00"));
        assertThat(o.events().get(0).type()).isEqualTo(TicketEventType.CLOSED);
        assertThat(o.events().get(0).data().reason()).isEqualTo(Lifecycle.AUTO_CLOSE_NO_ANSWER);
    }

    @Test
    @DisplayName("Working days skip weekends and the New Year holidays")
    void workingDays() {
        assertThat(LIFECYCLE.plusWorkingDays(at("2026-12-30T12:00"), 3)).isEqualTo(at("2027-01-13T12:00"));
        assertThat(LIFECYCLE.plusWorkingDays(at("2026-12-11T12:00"), 1)).isEqualTo(at("2026-12-14T12:00"));
    }

    @Test
    @DisplayName("R13: refusal → Закрытое with the reason; a reason is required")
    void refuse() {
        assertThatThrownBy(() -> LIFECYCLE.refuse(t, LINE1, MONDAY, " "))
                .isInstanceOf(InvalidActionException.class).hasMessageContaining("reason");
        Outcome o = LIFECYCLE.refuse(t, LINE1, MONDAY, "Вне компетенции поддержки");
        assertThat(t.status).isEqualTo(CLOSED);
        assertThat(t.awaitingConfirmation).isFalse();
        assertThat(t.closeReason).contains("Вне компетенции");
        assertThat(o.events().get(0).type()).isEqualTo(TicketEventType.REFUSED);
        assertThat(LIFECYCLE.allowed(t, ADMIN)).isEmpty();
    }

    @Test
    @DisplayName("R14: escalate 1 → 2 → 3, return 3 → 2, line 3 assigns; each by its own line")
    void linesAndAssignment() {
        LIFECYCLE.escalate(t, LINE1, MONDAY, "Нужна экспертиза");
        assertThat(t.line).isEqualTo(SupportLine.SECOND);
        assertThatThrownBy(() -> LIFECYCLE.escalate(t, LINE1, MONDAY, "ещё"))
                .isInstanceOf(LineForbiddenException.class);
        Outcome o = LIFECYCLE.escalate(t, LINE2, MONDAY, "Ошибка в коде");
        assertThat(t.line).isEqualTo(SupportLine.THIRD);
        assertThat(o.events().get(0).type()).isEqualTo(TicketEventType.LINE_CHANGED);
        assertThat(o.events().get(0).data().previousLine()).isEqualTo(SupportLine.SECOND);
        assertThatThrownBy(() -> LIFECYCLE.escalate(t, LINE3, MONDAY, "дальше"))
                .isInstanceOf(IllegalTransitionException.class);

        LIFECYCLE.assign(t, LINE3, MONDAY, "developer", "Иванов");
        assertThat(t.assignee).isEqualTo("developer: Иванов");
        assertThatThrownBy(() -> LIFECYCLE.assign(t, LINE3, MONDAY, "boss", "Петров"))
                .isInstanceOf(InvalidActionException.class).hasMessageContaining("manager");

        LIFECYCLE.returnToLowerLine(t, LINE3, MONDAY, "Уточните версию");
        assertThat(t.line).isEqualTo(SupportLine.SECOND);
        assertThat(t.assignee).isNull();
        assertThatThrownBy(() -> LIFECYCLE.assign(t, ADMIN, MONDAY, "developer", "Иванов"))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    @DisplayName("R7, R10: priority change recomputes deadlines (shifted by pauses); Критический has none and is flagged")
    void changePriority() {
        inProgress();
        LIFECYCLE.requestInformation(t, LINE1, MONDAY, "Вопрос");
        LIFECYCLE.followUp(t, at("2026-12-08T10:00"), "Ответ");
        Outcome o = LIFECYCLE.changePriority(t, LINE1, at("2026-12-08T10:00"), Priority.HIGH, "Остановлена работа");
        Deadlines expected = POLICY.resume(POLICY.deadlines(Priority.HIGH, MONDAY), MONDAY, at("2026-12-08T10:00"));
        assertThat(t.deadlines()).isEqualTo(expected);
        assertThat(o.events().get(0).data().previousPriority()).isEqualTo(Priority.MEDIUM);
        assertThat(o.events().get(0).data().newDeadline()).isEqualTo(expected.resolution());

        Outcome critical = LIFECYCLE.changePriority(t, LINE1, at("2026-12-08T11:00"), Priority.CRITICAL,
                "Продукт недоступен");
        assertThat(critical.events()).extracting(Outcome.Emitted::type)
                .containsExactly(TicketEventType.PRIORITY_CHANGED, TicketEventType.SLA_BREACH_NEAR);
        assertThat(critical.events().get(1).data().deadlineKind()).isEqualTo("resolution");
        assertThat(o.events()).hasSize(1);
        assertThat(t.deadlines()).isEqualTo(SlaPolicy.NO_DEADLINES);
        assertThat(t.criticalSince).isEqualTo(at("2026-12-08T11:00"));
        assertThatThrownBy(() -> LIFECYCLE.changePriority(t, LINE1, MONDAY, Priority.CRITICAL, "снова"))
                .isInstanceOf(InvalidActionException.class);
    }

    @Test
    @DisplayName("R10: extension needs a reason and a later deadline")
    void extendDeadline() {
        Instant later = t.resolutionDeadline.plus(Duration.ofDays(2));
        assertThatThrownBy(() -> LIFECYCLE.extendDeadline(t, LINE1, MONDAY, later, null))
                .isInstanceOf(InvalidActionException.class);
        assertThatThrownBy(() -> LIFECYCLE.extendDeadline(t, LINE1, MONDAY, MONDAY.minusSeconds(1), "x"))
                .isInstanceOf(InvalidActionException.class).hasMessageContaining("наступил");
        assertThatThrownBy(() -> LIFECYCLE.extendDeadline(t, LINE1, MONDAY, t.resolutionDeadline, "x"))
                .isInstanceOf(InvalidActionException.class).hasMessageContaining("позже");
        Outcome o = LIFECYCLE.extendDeadline(t, LINE1, MONDAY, later, "Ждём ответа ФНС");
        assertThat(t.resolutionDeadline).isEqualTo(later);
        assertThat(o.events().get(0).data().newDeadline()).isEqualTo(later);
        assertThat(o.events().get(0).data().reason()).isEqualTo("Ждём ответа ФНС");
    }

    @Test
    @DisplayName("R6: reclassification clears the 'needs classification' flag")
    void reclassify() {
        t.type = null;
        t.needsClassification = true;
        Outcome o = LIFECYCLE.reclassify(t, LINE1, MONDAY, TicketType.CONSULTATION, null);
        assertThat(t.type).isEqualTo(TicketType.CONSULTATION);
        assertThat(t.needsClassification).isFalse();
        assertThat(o.events().get(0).type()).isEqualTo(TicketEventType.TYPE_CHANGED);
        assertThatThrownBy(() -> LIFECYCLE.reclassify(t, LINE1, MONDAY, TicketType.CONSULTATION, null))
                .isInstanceOf(InvalidActionException.class);
    }

    @Test
    @DisplayName("R13, R18: routing to developers makes an Appendix 2 report (title 4–8 words) and moves to line 3")
    void routeToDevelopers() {
        t.line = SupportLine.SECOND;
        t.status = IN_PROGRESS;
        Outcome o = LIFECYCLE.routeToDevelopers(t, LINE2, MONDAY,
                new Lifecycle.BugReportInput(null, null, null, "УПД уходит", null, "1. Открыть 2. Отправить"));
        BugReport r = o.events().get(0).data().bugReport();
        assertThat(r.title()).isEqualTo("Не отправляется УПД контрагенту через ЭДО");
        assertThat(r.customer()).contains("ООО «Ромашка»", "7707083893", "1000");
        assertThat(r.document()).isEqualTo("edo-send");
        assertThat(r.expected()).isEqualTo("УПД уходит");
        assertThat(r.attachments()).extracting(AttachmentRef::name).containsExactly("screen.png");
        assertThat(t.line).isEqualTo(SupportLine.THIRD);
        assertThat(Json.fromJson(t.bugReport, BugReport.class)).isEqualTo(r);
        assertThat(o.events().get(0).type()).isEqualTo(TicketEventType.ROUTED_TO_DEVELOPERS);
    }

    @Test
    @DisplayName("R18: the title is cut to 8 words or padded to 4; a staff title outside 4–8 words is refused")
    void bugReportTitle() {
        t.subject = "Ошибка";
        t.text = "Не";
        assertThat(Lifecycle.wordCount(Lifecycle.title(t))).isBetween(4, 8);
        t.subject = "один два три четыре пять шесть семь восемь девять десять";
        assertThat(Lifecycle.title(t)).isEqualTo("один два три четыре пять шесть семь восемь");
        t.subject = null;
        t.text = null;
        assertThat(Lifecycle.wordCount(Lifecycle.title(t))).isBetween(4, 8);
        assertThatThrownBy(() -> Lifecycle.bugReport(t,
                new Lifecycle.BugReportInput("Слишком коротко", null, null, null, null, null)))
                .isInstanceOf(InvalidActionException.class).hasMessageContaining("4–8");
    }

    @Test
    @DisplayName("A bounced notice is recorded by system with the diagnostic and changes nothing else, in any status")
    void deliveryFailedChangesNothingElse() {
        inProgress();
        LIFECYCLE.requestInformation(t, LINE1, MONDAY, "Пришлите скриншот");
        Deadlines deadlines = t.deadlines();
        Instant answerDeadline = t.answerDeadline;
        Instant pausedAt = t.pausedAt;

        Outcome o = LIFECYCLE.deliveryFailed(t, at("2026-12-07T10:05"), "  550 5.1.1 user unknown ");
        assertThat(o.action()).isEqualTo("notice-bounced");
        assertThat(o.actor()).isEqualTo("system");
        assertThat(o.reason()).isEqualTo("550 5.1.1 user unknown");
        assertThat(o.steps()).isEmpty();
        assertThat(o.events()).as("no event: no notice about a notice that bounced").isEmpty();
        assertThat(t.status).isEqualTo(AWAITING_USER);
        assertThat(t.deadlines()).isEqualTo(deadlines);
        assertThat(t.answerDeadline).isEqualTo(answerDeadline);
        assertThat(t.pausedAt).isEqualTo(pausedAt);
        assertThat(t.pauses).hasSize(1);
        assertThat(t.lastCustomerMessageAt).as("not a message from the customer").isNull();
        assertThat(t.deliveryFailedAt).isEqualTo(at("2026-12-07T10:05"));
        assertThat(t.deliveryFailure).isEqualTo("550 5.1.1 user unknown");
        assertThat(t.deliveryFailures).isEqualTo(1);

        // closed for good: still only recorded (a follow-up would open a new ticket here)
        t.status = CLOSED;
        t.closeReason = "Вне компетенции";
        Outcome again = LIFECYCLE.deliveryFailed(t, at("2026-12-08T09:00"), null);
        assertThat(again.reason()).isEqualTo("Уведомление пользователю не доставлено");
        assertThat(again.steps()).isEmpty();
        assertThat(again.events()).isEmpty();
        assertThat(t.status).isEqualTo(CLOSED);
        assertThat(t.deliveryFailures).isEqualTo(2);
        assertThat(t.deliveryFailedAt).isEqualTo(at("2026-12-08T09:00"));

        // a whole SMTP transcript is cut to a readable length
        Outcome longOne = LIFECYCLE.deliveryFailed(t, at("2026-12-08T09:01"), "x".repeat(5000));
        assertThat(longOne.reason()).hasSize(Lifecycle.MAX_DIAGNOSTIC_LENGTH).endsWith("…");
    }

    @Test
    @DisplayName("Staff action codes map both ways")
    void codes() {
        for (StaffAction a : StaffAction.values()) {
            assertThat(StaffAction.ofCode(a.code())).contains(a);
        }
        assertThat(StaffAction.ofCode("fly")).isEmpty();
        assertThat(List.of(StaffAction.values())).hasSize(15); // R6–R14 and link, unlink (R15)
    }
}
