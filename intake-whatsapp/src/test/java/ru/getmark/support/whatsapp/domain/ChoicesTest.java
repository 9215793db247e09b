package ru.getmark.support.whatsapp.domain;

import org.junit.jupiter.api.Test;
import ru.getmark.support.common.dialog.ChatButton;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChoicesTest {

    private static final List<ChatButton> GREETING = List.of(new ChatButton("Новое обращение", "new"),
            new ChatButton("Мои обращения", "status"));

    @Test
    void numbersPickInShownOrder() {
        assertThat(Choices.pressed("1", GREETING, false)).hasValue("new");
        assertThat(Choices.pressed("2)", GREETING, false)).hasValue("status");
        assertThat(Choices.pressed("0", GREETING, false)).isEmpty();
        assertThat(Choices.pressed("12", GREETING, false)).isEmpty();
        assertThat(Choices.pressed("7707083893", GREETING, false)).isEmpty();
        assertThat(Choices.pressed("1", List.of(), false)).isEmpty();
    }

    @Test
    void titlesOfQuickReplies() {
        assertThat(Choices.byLabel("мои ОБРАЩЕНИЯ", GREETING)).hasValue("status");
        assertThat(Choices.byLabel("другое", GREETING)).isEmpty();
    }
}
