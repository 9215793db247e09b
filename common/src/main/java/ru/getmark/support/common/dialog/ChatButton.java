package ru.getmark.support.common.dialog;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A button under a {@link BotMessage}. {@code data} comes back as {@link ChatInput.Button} when pressed; it is at most
 * {@link #MAX_DATA_BYTES} UTF-8 bytes (Telegram's callback_data limit).
 *
 * @param label the Russian text on the button
 * @param data  what pressing it sends back
 */
public record ChatButton(String label, String data) {

    public static final int MAX_DATA_BYTES = 64;

    public ChatButton {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(data, "data");
        if (data.getBytes(StandardCharsets.UTF_8).length > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("button data over " + MAX_DATA_BYTES + " bytes: " + data);
        }
    }
}
