package ru.getmark.support.common.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a text into parts a chat channel accepts (Telegram's sendMessage takes at most 4096 characters, a Twilio
 * WhatsApp Body 1600), at a paragraph, line or word break where there is one, so that a long notice arrives readable
 * and whole. The limit is the channel's, so it is a parameter; a surrogate pair is never cut in two.
 */
public final class TextSplitter {

    private TextSplitter() {
    }

    /**
     * @param text the text; null or empty gives one part of a single space (channels refuse an empty message)
     * @param max  the channel's limit in UTF-16 chars, at least 2
     * @return the parts in order, each at most {@code max} chars, trimmed where they were cut
     */
    public static List<String> split(String text, int max) {
        if (max < 2) {
            throw new IllegalArgumentException("a limit of at least 2 characters is needed, not " + max);
        }
        List<String> parts = new ArrayList<>();
        String rest = text == null || text.isEmpty() ? " " : text;
        while (rest.length() > max) {
            int cut = rest.lastIndexOf("\n\n", max);
            if (cut < max / 2) {
                cut = rest.lastIndexOf('\n', max);
            }
            if (cut < max / 2) {
                cut = rest.lastIndexOf(' ', max);
            }
            if (cut < max / 2) {
                cut = max;
                if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
                    cut--;
                }
            }
            parts.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty() || parts.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }
}
