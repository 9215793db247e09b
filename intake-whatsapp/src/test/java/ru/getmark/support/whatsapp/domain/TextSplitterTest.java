package ru.getmark.support.whatsapp.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextSplitterTest {

    @Test
    void shortTextIsOnePart() {
        assertThat(TextSplitter.split("Привет", 1600)).containsExactly("Привет");
    }

    @Test
    void splitsAtBreaksAndKeepsEveryWord() {
        String text = ("строка текста ").repeat(300);
        List<String> parts = TextSplitter.split(text, 1600);
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(1600));
        assertThat(String.join(" ", parts).replaceAll("\\s+", " ").strip()).isEqualTo(text.strip());
    }

    @Test
    void neverSplitsASurrogatePair() {
        String text = "😀".repeat(1000);
        List<String> parts = TextSplitter.split(text, 1600);
        assertThat(parts).allSatisfy(p -> assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).isFalse());
        assertThat(String.join("", parts)).isEqualTo(text);
    }
}
