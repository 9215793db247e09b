package ru.getmark.support.common.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the problem does to the customer's business (R3, R7, §5.12, §5.17). */
public enum Impact {
    @JsonProperty("stops_operations") STOPS_OPERATIONS("Останавливает работу"),
    @JsonProperty("hinders_operations") HINDERS_OPERATIONS("Мешает работе"),
    @JsonProperty("no_effect") NO_EFFECT("Не влияет на работу");

    private final String label;

    Impact(String label) {
        this.label = label;
    }

    /** Russian, user-facing name. */
    public String label() {
        return label;
    }
}
