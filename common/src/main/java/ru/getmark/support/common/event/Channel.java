package ru.getmark.support.common.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The channel a request came through. */
public enum Channel {
    @JsonProperty("telegram") TELEGRAM("Telegram"),
    @JsonProperty("whatsapp") WHATSAPP("WhatsApp"),
    @JsonProperty("email") EMAIL("Электронная почта"),
    @JsonProperty("phone") PHONE("Телефон");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    /** Russian, user-facing name. */
    public String label() {
        return label;
    }
}
