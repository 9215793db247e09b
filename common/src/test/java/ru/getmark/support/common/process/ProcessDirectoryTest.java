package ru.getmark.support.common.process;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessDirectoryTest {

    final ProcessDirectory directory = ProcessDirectory.builtIn();

    @Test
    void theBuiltInDirectoryEndsWithOther() {
        assertThat(directory.all()).hasSizeGreaterThan(5);
        assertThat(directory.all().get(directory.all().size() - 1).code()).isEqualTo(ProcessDirectory.OTHER);
        assertThat(directory.byCode("labels.print")).get().extracting(GetMarkProcess::name)
                .isEqualTo("Печать этикеток");
        assertThat(directory.contains("labels.print")).isTrue();
        assertThat(directory.contains("teleportation")).isFalse();
        assertThat(directory.contains(null)).isFalse();
    }

    @Test
    void R3_recognisesAProcessByWordStartsIgnoringCaseAndYo() {
        assertThat(directory.recognise("Не печатаются ЭТИКЕТКИ на принтере Zebra")).get()
                .extracting(GetMarkProcess::code).isEqualTo("labels.print");
        assertThat(directory.recognise("При отгрузке не уходит УПД в Диадок")).get()
                .extracting(GetMarkProcess::code).isEqualTo("documents.shipment");
        assertThat(directory.recognise("Ошибка при вводе в оборот: ввод в оборот не проходит")).get()
                .extracting(GetMarkProcess::code).isEqualTo("circulation.intro");
        assertThat(directory.recognise("Не могу выгрузить отчёт")).get()
                .extracting(GetMarkProcess::code).isEqualTo("reports");
    }

    @Test
    void aKeywordMustStartAWord() {
        // "суз" is a keyword of codes.order; "карапузы" contains it inside a word and must not match.
        assertThat(directory.recognise("карапузы")).isEmpty();
        assertThat(directory.recognise("СУЗ не отвечает")).get().extracting(GetMarkProcess::code)
                .isEqualTo("codes.order");
    }

    @Test
    void noKeywordNoProcess() {
        assertThat(directory.recognise("Здравствуйте, помогите пожалуйста")).isEmpty();
        assertThat(directory.recognise("")).isEmpty();
        assertThat(directory.recognise(null)).isEmpty();
    }

    @Test
    void aBrokenFileIsRefusedWithItsLine() {
        String noOther = "a\tA\tx\n";
        assertThatThrownBy(() -> ProcessDirectory.load(stream(noOther))).hasMessageContaining("other");
        String duplicate = "a\tA\tx\na\tB\ty\nother\tДругое\t\n";
        assertThatThrownBy(() -> ProcessDirectory.load(stream(duplicate))).hasMessageContaining("duplicate");
        String noName = "# c\na\n";
        assertThatThrownBy(() -> ProcessDirectory.load(stream(noName))).hasMessageContaining("line 2");
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
