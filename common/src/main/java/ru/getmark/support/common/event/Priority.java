package ru.getmark.support.common.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Ticket priorities of the regulation (R7, §5.16). */
public enum Priority {
    @JsonProperty("low") LOW("Низкий"),
    @JsonProperty("medium") MEDIUM("Средний"),
    @JsonProperty("high") HIGH("Высокий"),
    @JsonProperty("critical") CRITICAL("Критический");

    private final String label;

    Priority(String label) {
        this.label = label;
    }

    /** Russian name, as the regulation writes it. */
    public String label() {
        return label;
    }
}
