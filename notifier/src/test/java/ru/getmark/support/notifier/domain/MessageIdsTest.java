package ru.getmark.support.notifier.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageIdsTest {

    @Test
    void stablePerEventAndNotice() {
        String id = MessageIds.forNotice(NoticeKind.REGISTRATION, "5f0c6a4e-1b2c-4d5e-8f90-a1b2c3d4e5f6", "getmark.ru");
        assertThat(id).isEqualTo("<notice.registration.5f0c6a4e-1b2c-4d5e-8f90-a1b2c3d4e5f6@getmark.ru>");
        assertThat(MessageIds.forNotice(NoticeKind.REGISTRATION, "5f0c6a4e-1b2c-4d5e-8f90-a1b2c3d4e5f6",
                "getmark.ru")).isEqualTo(id);
    }

    @Test
    void unsafeCharactersOfAnEventIdCannotBreakTheHeader() {
        assertThat(MessageIds.forNotice(NoticeKind.REGISTRATION, "a b<c>@d\r\n", "getmark.ru"))
                .isEqualTo("<notice.registration.a_b_c__d__@getmark.ru>");
    }

    @Test
    void domainOfAnAddress() {
        assertThat(MessageIds.domainOf("help@getmark.ru")).isEqualTo("getmark.ru");
        assertThatThrownBy(() -> MessageIds.domainOf("help")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageIds.domainOf("help@")).isInstanceOf(IllegalArgumentException.class);
    }
}
