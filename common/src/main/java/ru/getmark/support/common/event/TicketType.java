package ru.getmark.support.common.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Ticket types of the regulation (R6, §5.5). */
public enum TicketType {
    @JsonProperty("consultation") CONSULTATION("Консультация"),
    @JsonProperty("software_bug") SOFTWARE_BUG("Ошибка ПО"),
    @JsonProperty("change_request") CHANGE_REQUEST("Запрос на изменение"),
    @JsonProperty("data_correction") DATA_CORRECTION("Корректировка данных");

    private final String label;

    TicketType(String label) {
        this.label = label;
    }

    /** Russian name, as the regulation writes it. */
    public String label() {
        return label;
    }
}
