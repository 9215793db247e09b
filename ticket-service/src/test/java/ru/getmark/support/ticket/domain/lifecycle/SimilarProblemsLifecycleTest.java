package ru.getmark.support.ticket.domain.lifecycle;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.MassProblem;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketEventData;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.ticket.domain.Ticket;
import ru.getmark.support.ticket.domain.sla.ProductionCalendar;
import ru.getmark.support.ticket.domain.sla.SlaClock;
import ru.getmark.support.ticket.domain.sla.SlaPolicy;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.getmark.support.common.event.TicketStatus.AWAITING_IMPLEMENTATION;
import static ru.getmark.support.common.event.TicketStatus.AWAITING_USER;
import static ru.getmark.support.common.event.TicketStatus.CLOSED;
import static ru.getmark.support.common.event.TicketStatus.IN_PROGRESS;
import static ru.getmark.support.common.event.TicketStatus.NEW;
import static ru.getmark.support.ticket.domain.lifecycle.LifecycleTest.at;

/** R15 links and R16 mass-problem steps of the state machine, without a container. */
class SimilarProblemsLifecycleTest {

    private static final ProductionCalendar CALENDAR = ProductionCalendar.loadDefault();
    private static final SlaPolicy POLICY = new SlaPolicy(new SlaClock(CALENDAR));
    private static final Lifecycle LIFECYCLE = new Lifecycle(POLICY, CALENDAR);

    private static final Actor LINE1 = Actor.staff("operator", Set.of("LINE1"));
    private static final Actor LINE2 = Actor.staff("line2", Set.of("LINE2"));

    /** Monday 2026-12-07 10:00 MSK. */
    private static final Instant MONDAY = at("2026-12-07T10:00");

    private Ticket t;
    private Ticket root;

    private static Ticket ticket(String number, SupportLine line, TicketStatus status) {
        Ticket t = new Ticket();
        t.number = number;
        t.status = status;
        t.type = TicketType.SOFTWARE_BUG;
        t.priority = Priority.MEDIUM;
        t.line = line;
        t.channel = Channel.EMAIL;
        t.inn = "7707083893";
        t.subject = "Не отправляется УПД";
        t.registeredAt = MONDAY;
        t.receivedAt = MONDAY;
        t.setDeadlines(POLICY.deadlines(Priority.MEDIUM, MONDAY));
        return t;
    }

    @BeforeEach
    void tickets() {
        t = ticket("2000", SupportLine.FIRST, NEW);
        root = ticket("1000", SupportLine.SECOND, IN_PROGRESS);
    }

    @Test
    @DisplayName("R15: linked instead of escalated — recorded, announced with the root, no status change")
    void link() {
        Outcome o = LIFECYCLE.link(t, LINE1, MONDAY, root, root, 0, false, null);
        assertThat(t.linkedTo).isEqualTo("1000");
        assertThat(t.linkedAt).isEqualTo(MONDAY);
        assertThat(t.status).isEqualTo(NEW);
        assertThat(o.steps()).isEmpty();
        assertThat(o.action()).isEqualTo("link");
        assertThat(o.events()).extracting(Outcome.Emitted::type).containsExactly(TicketEventType.SIMILAR_LINKED);
        TicketEventData d = o.events().get(0).data();
        assertThat(d.relatedTicket()).isEqualTo("1000");
        assertThat(d.actor()).isEqualTo("operator");
        assertThat(d.reason()).contains("№ 1000");
        assertThat(LIFECYCLE.allowed(t, LINE1)).contains(StaffAction.UNLINK, StaffAction.TAKE)
                .doesNotContain(StaffAction.ESCALATE, StaffAction.LINK);
    }

    @Test
    @DisplayName("R15, §5.10: a linked ticket is not escalated or routed again; the refusal names the root")
    void linkedIsNotEscalated() {
        LIFECYCLE.link(t, LINE1, MONDAY, root, root, 0, false, "Та же ошибка");
        assertThatThrownBy(() -> LIFECYCLE.escalate(t, LINE1, MONDAY, "Нужна вторая линия"))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.getMessage()).contains("№ 2000", "№ 1000", "уже ведутся", "unlink");
                    assertThat(e.allowed()).contains(StaffAction.UNLINK).doesNotContain(StaffAction.ESCALATE);
                });
        t.line = SupportLine.SECOND;
        t.status = IN_PROGRESS;
        assertThatThrownBy(() -> LIFECYCLE.routeToDevelopers(t, LINE2, MONDAY, null))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("разработчикам")
                .hasMessageContaining("№ 1000");
        assertThatThrownBy(() -> LIFECYCLE.link(t, LINE2, MONDAY, root, root, 0, false, null))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("уже связано");
        assertThat(t.line).isEqualTo(SupportLine.SECOND);

        // after unlink it may be escalated on its own
        assertThatThrownBy(() -> LIFECYCLE.unlink(t, LINE2, MONDAY, " ")).isInstanceOf(InvalidActionException.class)
                .hasMessageContaining("reason");
        Outcome o = LIFECYCLE.unlink(t, LINE2, MONDAY, "Проблема другая");
        assertThat(o.events()).isEmpty();
        assertThat(t.linkedTo).isNull();
        LIFECYCLE.escalate(t, LINE2, MONDAY, "Нужна третья линия");
        assertThat(t.line).isEqualTo(SupportLine.THIRD);
    }

    @Test
    @DisplayName("R15: only to an open ticket worked on above line 1 (or awaiting a release, or in a mass problem)")
    void targetMustBeEscalatedAndOpen() {
        Ticket first = ticket("1001", SupportLine.FIRST, IN_PROGRESS);
        assertThatThrownBy(() -> LIFECYCLE.link(t, LINE1, MONDAY, first, first, 0, false, null))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("не передано")
                .hasMessageContaining("№ 1001");
        Ticket closed = ticket("1002", SupportLine.THIRD, CLOSED);
        assertThatThrownBy(() -> LIFECYCLE.link(t, LINE1, MONDAY, closed, closed, 0, false, null))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("закрыто");
        assertThat(t.linkedTo).isNull();

        assertThat(Lifecycle.acceptsLinks(ticket("1003", SupportLine.FIRST, AWAITING_IMPLEMENTATION), false)).isTrue();
        assertThat(Lifecycle.acceptsLinks(ticket("1004", SupportLine.THIRD, AWAITING_USER), false)).isTrue();
        assertThat(Lifecycle.acceptsLinks(closed, true)).as("its mass problem still gathers tickets").isTrue();
        Ticket member = ticket("1005", SupportLine.SECOND, IN_PROGRESS);
        member.linkedTo = "1000";
        assertThat(Lifecycle.acceptsLinks(member, true)).as("a member is never a root").isFalse();
    }

    @Test
    @DisplayName("R15: no cycles and no chains — a root of its own group is not linked, a loop is refused")
    void noCycles() {
        Ticket member = ticket("2001", SupportLine.FIRST, NEW);
        member.linkedTo = "2000";
        assertThatThrownBy(() -> LIFECYCLE.link(t, LINE1, MONDAY, member, t, 1, false, null))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("по кругу");
        assertThatThrownBy(() -> LIFECYCLE.link(t, LINE1, MONDAY, root, root, 2, false, null))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("уже связаны другие");
        assertThat(t.linkedTo).isNull();
    }

    @Test
    @DisplayName("R14, R15: linking is for the ticket's own line (or ADMIN)")
    void lineRule() {
        assertThatThrownBy(() -> LIFECYCLE.link(t, LINE2, MONDAY, root, root, 0, false, null))
                .isInstanceOf(LineForbiddenException.class);
    }

    @Test
    @DisplayName("R16: joining a mass problem tells an open ticket's customer; a closed ticket only records it")
    void joinMassProblem() {
        MassProblem mp = new MassProblem(7, "Не отправляется УПД", "1000", MONDAY, 5, null, null);
        Outcome o = LIFECYCLE.joinMassProblem(t, "system", mp);
        assertThat(t.massProblemId).isEqualTo(7L);
        assertThat(o.events()).extracting(Outcome.Emitted::type)
                .containsExactly(TicketEventType.MASS_PROBLEM_DECLARED);
        assertThat(o.events().get(0).data().massProblem()).isEqualTo(mp);
        assertThat(o.events().get(0).data().relatedTicket()).isEqualTo("1000");
        Ticket closed = ticket("2002", SupportLine.FIRST, CLOSED);
        assertThat(LIFECYCLE.joinMassProblem(closed, "system", mp).events()).isEmpty();
    }

    @Test
    @DisplayName("R16, R12: the resolution solves an open ticket as a solution does — pending confirmation, clock "
            + "resumed, one mass_problem_resolved with the link")
    void solveByMassProblem() {
        LIFECYCLE.take(t, LINE1, MONDAY);
        LIFECYCLE.requestInformation(t, LINE1, MONDAY, "Какая версия?");
        Instant later = at("2026-12-08T12:00");
        MassProblem mp = new MassProblem(7, "Не отправляется УПД", "1000", MONDAY, 5,
                "Выпущено обновление 3.2.1", later);
        Outcome o = LIFECYCLE.solveByMassProblem(t, LINE2, later, mp, "http://x/confirm/abc");
        assertThat(t.status).isEqualTo(CLOSED);
        assertThat(t.awaitingConfirmation).isTrue();
        assertThat(t.solution).isEqualTo("Выпущено обновление 3.2.1");
        assertThat(t.confirmationDeadline).isEqualTo(at("2026-12-11T12:00"));
        assertThat(t.pausedAt).isNull();
        assertThat(t.answerDeadline).isNull();
        assertThat(o.steps()).extracting(Outcome.StatusStep::to).containsExactly(CLOSED);
        assertThat(o.events()).extracting(Outcome.Emitted::type)
                .containsExactly(TicketEventType.MASS_PROBLEM_RESOLVED);
        TicketEventData d = o.events().get(0).data();
        assertThat(d.confirmationUrl()).isEqualTo("http://x/confirm/abc");
        assertThat(d.solution()).isEqualTo("Выпущено обновление 3.2.1");
        assertThat(d.previousStatus()).isEqualTo(AWAITING_USER);
        assertThat(d.massProblem()).isEqualTo(mp);
        assertThat(Lifecycle.inConfirmationWindow(t, later)).isTrue();
        assertThatThrownBy(() -> LIFECYCLE.solveByMassProblem(t, LINE2, later, mp, null))
                .isInstanceOf(IllegalTransitionException.class);
    }
}
