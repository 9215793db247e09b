package ru.getmark.support.common.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The line of support that holds a ticket (R14, §4). */
public enum SupportLine {
    @JsonProperty("first") FIRST("Первая линия"),
    @JsonProperty("second") SECOND("Вторая линия"),
    @JsonProperty("third") THIRD("Третья линия");

    private final String label;

    SupportLine(String label) {
        this.label = label;
    }

    /** Russian, user-facing name. */
    public String label() {
        return label;
    }
}
