package ru.getmark.support.common.dialog;

import java.util.List;
import java.util.Objects;

/**
 * A message the bot sends: Russian text (at most {@link #MAX_TEXT} characters) and rows of buttons (Telegram: an
 * inline keyboard; WhatsApp: numbered choices, which the engine also accepts back as a digit or the label's word).
 *
 * @param text     the text
 * @param keyboard rows of buttons, may be empty
 */
public record BotMessage(String text, List<List<ChatButton>> keyboard) {

    public static final int MAX_TEXT = 4096;

    public BotMessage {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT - 1) + "…";
        }
        keyboard = keyboard == null ? List.of() : keyboard.stream().map(List::copyOf).toList();
    }

    public static BotMessage text(String text) {
        return new BotMessage(text, List.of());
    }

    /** Every button, row by row: the order of WhatsApp's numbered choices (1 = the first). */
    public List<ChatButton> buttons() {
        return keyboard.stream().flatMap(List::stream).toList();
    }
}
