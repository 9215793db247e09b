package ru.getmark.support.common.text;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Long chat texts split at the channel's limit (Telegram 4096, Twilio WhatsApp 1600), readable and whole. */
class TextSplitterTest {

    @Test
    void shortTextIsOnePart() {
        assertThat(TextSplitter.split("Обращение № 1042 зарегистрировано", 4096))
                .containsExactly("Обращение № 1042 зарегистрировано");
        assertThat(TextSplitter.split("Привет", 1600)).containsExactly("Привет");
    }

    @Test
    void emptyTextIsOneBlankPart() {
        assertThat(TextSplitter.split(null, 1600)).containsExactly(" ");
        assertThat(TextSplitter.split("", 4096)).containsExactly(" ");
    }

    @Test
    void longTextIsSplitAtParagraphBreaksWithinTheLimit() {
        String paragraph = "слово ".repeat(500).strip();
        String text = paragraph + "\n\n" + paragraph + "\n\n" + paragraph;
        List<String> parts = TextSplitter.split(text, 4096);
        assertThat(parts).hasSize(3).allSatisfy(p -> assertThat(p).isEqualTo(paragraph));
    }

    @Test
    void splitsAtWordBreaksAndKeepsEveryWord() {
        String text = "строка текста ".repeat(300);
        List<String> parts = TextSplitter.split(text, 1600);
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> {
            assertThat(p.length()).isLessThanOrEqualTo(1600);
            assertThat(p).startsWith("строка");
        });
        // cut at a space: no part but the last (the text's own end) ends with one
        assertThat(parts.subList(0, parts.size() - 1)).allSatisfy(p -> assertThat(p).endsWith("текста"));
        assertThat(String.join(" ", parts).replaceAll("\\s+", " ").strip()).isEqualTo(text.strip());
    }

    @Test
    void textWithoutBreaksIsCutHard() {
        List<String> parts = TextSplitter.split("x".repeat(9000), 4096);
        assertThat(parts).extracting(String::length).containsExactly(4096, 4096, 808);
    }

    @Test
    void neverSplitsASurrogatePair() {
        String text = "😀".repeat(1000);
        List<String> parts = TextSplitter.split(text, 1601);
        assertThat(parts).hasSizeGreaterThan(1)
                .allSatisfy(p -> assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).isFalse())
                .allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(1601));
        assertThat(String.join("", parts)).isEqualTo(text);
    }

    @Test
    void aLimitTooSmallToCutIsRefused() {
        assertThatThrownBy(() -> TextSplitter.split("abc", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
