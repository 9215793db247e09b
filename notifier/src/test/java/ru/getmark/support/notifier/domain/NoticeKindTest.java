package ru.getmark.support.notifier.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.TicketEventData;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketStatus;

import static org.assertj.core.api.Assertions.assertThat;

class NoticeKindTest {

    @Test
    @DisplayName("R2: a registered event produces the registration notice")
    void registeredProducesRegistration() {
        assertThat(NoticeKind.forEvent(TicketEventType.REGISTERED)).containsExactly(NoticeKind.REGISTRATION);
    }

    @Test
    @DisplayName("R20: each Appendix 1 event produces its own notice, exactly one")
    void appendixOneEventsProduceTheirNotice() {
        assertThat(NoticeKind.forEvent(TicketEventType.ROUTED_TO_DEVELOPERS))
                .containsExactly(NoticeKind.ROUTED_TO_DEVELOPERS);
        assertThat(NoticeKind.forEvent(TicketEventType.INFORMATION_REQUESTED))
                .containsExactly(NoticeKind.INFORMATION_REQUEST);
        assertThat(NoticeKind.forEvent(TicketEventType.SOLUTION_PROVIDED)).containsExactly(NoticeKind.SOLUTION);
        assertThat(NoticeKind.forEvent(TicketEventType.AWAITING_IMPLEMENTATION)).containsExactly(NoticeKind.REWORK);
        assertThat(NoticeKind.forEvent(TicketEventType.REFUSED)).containsExactly(NoticeKind.REFUSAL);
        assertThat(NoticeKind.forEvent(TicketEventType.DEADLINE_CHANGED))
                .containsExactly(NoticeKind.DEADLINE_CHANGE);
    }

    @Test
    @DisplayName("R11/R12: closed by the system after an unanswered request or an unconfirmed solution; other"
            + " closures (the customer's confirmation, unknown previous status) send no closure notice")
    void closedNeedsTheData() {
        assertThat(NoticeKind.forEvent(TicketEventType.CLOSED, closed("system", TicketStatus.AWAITING_USER)))
                .containsExactly(NoticeKind.CLOSED_NO_ANSWER);
        assertThat(NoticeKind.forEvent(TicketEventType.CLOSED, closed("system", TicketStatus.CLOSED)))
                .containsExactly(NoticeKind.CLOSED_AFTER_SOLUTION);
        assertThat(NoticeKind.forEvent(TicketEventType.CLOSED, closed("customer", TicketStatus.CLOSED))).isEmpty();
        assertThat(NoticeKind.forEvent(TicketEventType.CLOSED, closed("operator", TicketStatus.AWAITING_USER)))
                .isEmpty();
        assertThat(NoticeKind.forEvent(TicketEventType.CLOSED, closed("system", TicketStatus.IN_PROGRESS))).isEmpty();
        assertThat(NoticeKind.forEvent(TicketEventType.CLOSED, null)).isEmpty();
        assertThat(NoticeKind.forEvent(TicketEventType.RATED)).containsExactly(NoticeKind.RATING_RECEIVED);
    }

    private static TicketEventData closed(String actor, TicketStatus previous) {
        return new TicketEventData(actor, previous, null, null, "причина", null, null, null, null);
    }

    @ParameterizedTest
    @EnumSource(value = TicketEventType.class, names = {"REGISTERED", "ROUTED_TO_DEVELOPERS", "INFORMATION_REQUESTED",
            "SOLUTION_PROVIDED", "AWAITING_IMPLEMENTATION", "REFUSED", "DEADLINE_CHANGED", "RATED",
            "MASS_PROBLEM_DECLARED", "MASS_PROBLEM_RESOLVED"},
            mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("R15/R20: staff-side changes, SLA alerts, similar_linked and unknown types tell the customer nothing")
    void otherEventsHaveNoNotice(TicketEventType type) {
        assertThat(NoticeKind.forEvent(type)).isEmpty();
    }

    @Test
    @DisplayName("R16: a declared and a resolved mass problem each produce their notice")
    void massProblemNotices() {
        assertThat(NoticeKind.forEvent(TicketEventType.MASS_PROBLEM_DECLARED))
                .containsExactly(NoticeKind.MASS_PROBLEM_DECLARED);
        assertThat(NoticeKind.forEvent(TicketEventType.MASS_PROBLEM_RESOLVED))
                .containsExactly(NoticeKind.MASS_PROBLEM_RESOLVED);
        assertThat(NoticeKind.forEvent(TicketEventType.SIMILAR_LINKED)).isEmpty();
        assertThat(NoticeKind.forEvent(TicketEventType.UNKNOWN)).isEmpty();
    }

    @Test
    @DisplayName("R20: the subject carries № <number>")
    void subjectCarriesTheNumber() {
        assertThat(NoticeKind.REGISTRATION.subject("1042")).isEqualTo("Регистрация Обращения № 1042");
    }

    @Test
    void codesAreStable() {
        assertThat(NoticeKind.REGISTRATION.code()).isEqualTo("registration");
        assertThat(NoticeKind.ROUTED_TO_DEVELOPERS.code()).isEqualTo("routed_to_developers");
        assertThat(NoticeKind.INFORMATION_REQUEST.code()).isEqualTo("information_request");
        assertThat(NoticeKind.SOLUTION.code()).isEqualTo("solution");
        assertThat(NoticeKind.REWORK.code()).isEqualTo("rework");
        assertThat(NoticeKind.REFUSAL.code()).isEqualTo("refusal");
        assertThat(NoticeKind.DEADLINE_CHANGE.code()).isEqualTo("deadline_change");
        assertThat(NoticeKind.MASS_PROBLEM_DECLARED.code()).isEqualTo("mass_problem_declared");
        assertThat(NoticeKind.MASS_PROBLEM_RESOLVED.code()).isEqualTo("mass_problem_resolved");
        assertThat(NoticeKind.FIRE_ALARM.code()).isEqualTo("fire_alarm");
    }
}
