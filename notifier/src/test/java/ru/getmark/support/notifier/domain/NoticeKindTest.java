package ru.getmark.support.notifier.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.TicketEventType;

import static org.assertj.core.api.Assertions.assertThat;

class NoticeKindTest {

    @Test
    @DisplayName("R2: a registered event produces the registration notice")
    void registeredProducesRegistration() {
        assertThat(NoticeKind.forEvent(TicketEventType.REGISTERED)).containsExactly(NoticeKind.REGISTRATION);
    }

    @ParameterizedTest
    @EnumSource(value = TicketEventType.class, names = "REGISTERED", mode = EnumSource.Mode.EXCLUDE)
    void otherEventsHaveNoNoticeYet(TicketEventType type) {
        assertThat(NoticeKind.forEvent(type)).isEmpty();
    }

    @Test
    @DisplayName("R20: the subject carries № <number>")
    void subjectCarriesTheNumber() {
        assertThat(NoticeKind.REGISTRATION.subject("1042")).isEqualTo("Регистрация Обращения № 1042");
    }

    @Test
    void codesAreStable() {
        assertThat(NoticeKind.REGISTRATION.code()).isEqualTo("registration");
    }
}
