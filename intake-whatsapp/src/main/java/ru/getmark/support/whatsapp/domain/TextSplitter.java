package ru.getmark.support.whatsapp.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a text into parts Twilio accepts for WhatsApp (a Body of at most 1600 characters), at a paragraph, line or
 * word break where there is one, so that a long notice arrives readable and whole.
 */
public final class TextSplitter {

    /** Twilio's limit of one WhatsApp message body. */
    public static final int MAX_BODY = 1600;

    private TextSplitter() {
    }

    public static List<String> split(String text, int max) {
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
