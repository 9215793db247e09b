package ru.getmark.support.telegram.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextSplitterTest {

    @Test
    void shortTextIsOnePart() {
        assertThat(TextSplitter.split("Обращение № 1042 зарегистрировано", 4096))
                .containsExactly("Обращение № 1042 зарегистрировано");
    }

    @Test
    void longTextIsSplitAtBreaksWithinTheLimit() {
        String paragraph = "слово ".repeat(500).strip();
        String text = paragraph + "\n\n" + paragraph + "\n\n" + paragraph;
        var parts = TextSplitter.split(text, 4096);
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(4096));
        assertThat(String.join(" ", parts).replaceAll("\\s+", " ")).isEqualTo(text.replaceAll("\\s+", " "));
    }

    @Test
    void textWithoutBreaksIsCutHard() {
        var parts = TextSplitter.split("x".repeat(9000), 4096);
        assertThat(parts).extracting(String::length).containsExactly(4096, 4096, 808);
    }
}
