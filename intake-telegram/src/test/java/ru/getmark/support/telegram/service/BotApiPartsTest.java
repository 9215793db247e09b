package ru.getmark.support.telegram.service;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Texts reach Telegram within its 4096 characters per sendMessage (common's TextSplitter at Telegram's limit). */
class BotApiPartsTest {

    @Test
    void aTextWithinTheLimitIsOneMessage() {
        String text = "ж".repeat(4096);
        assertThat(BotApi.parts(text)).containsExactly(text);
        assertThat(BotApi.parts("Обращение № 1042 зарегистрировано"))
                .containsExactly("Обращение № 1042 зарегистрировано");
    }

    @Test
    void aLongerTextIsSeveralMessagesEachWithinTheLimitAndNothingLost() {
        String paragraph = "слово ".repeat(500).strip();
        String text = paragraph + "\n\n" + paragraph + "\n\n" + paragraph;
        List<String> parts = BotApi.parts(text);
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(4096));
        assertThat(String.join(" ", parts).replaceAll("\\s+", " ")).isEqualTo(text.replaceAll("\\s+", " "));
        assertThat(BotApi.parts("x".repeat(4097))).extracting(String::length).containsExactly(4096, 1);
    }
}
