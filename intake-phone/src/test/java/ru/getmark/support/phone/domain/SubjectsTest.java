package ru.getmark.support.phone.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectsTest {

    @Test
    void shortDescriptionIsTheSubjectWithTidiedWhiteSpace() {
        assertThat(Subjects.fromDescription("  Не печатается\n  УПД\t в 1С ")).isEqualTo("Не печатается УПД в 1С");
    }

    @Test
    void longDescriptionIsCutAtAWordBoundary() {
        String description = "При отправке УПД контрагенту через ЭДО появляется ошибка подписи сертификата, "
                + "документ остаётся в черновиках, повторная отправка не помогает";
        String subject = Subjects.fromDescription(description);
        assertThat(subject).endsWith("…").hasSizeLessThanOrEqualTo(Subjects.MAX_DERIVED_LENGTH + 1);
        assertThat(description).startsWith(subject.substring(0, subject.length() - 1));
        assertThat(description.charAt(subject.length() - 1)).isEqualTo(' ');
    }

    @Test
    void oneEndlessWordIsCutHard() {
        String subject = Subjects.fromDescription("x".repeat(500));
        assertThat(subject).isEqualTo("x".repeat(Subjects.MAX_DERIVED_LENGTH) + "…");
    }
}
