package ru.getmark.support.whatsapp.domain;

/** Phone numbers in logs: never in full (ARCHITECTURE.md), only enough to tell two customers apart. */
public final class Masking {

    private Masking() {
    }

    /** "79161234567" → "wa:***4567". */
    public static String waId(String waId) {
        if (waId == null || waId.isEmpty()) {
            return "wa:?";
        }
        return "wa:***" + waId.substring(Math.max(0, waId.length() - 4));
    }
}
