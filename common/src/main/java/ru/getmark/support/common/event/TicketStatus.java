package ru.getmark.support.common.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Ticket statuses of the regulation (R8, §5.6). */
public enum TicketStatus {
    @JsonProperty("registration") REGISTRATION("Регистрация"),
    @JsonProperty("new") NEW("Новый"),
    @JsonProperty("in_progress") IN_PROGRESS("В работе"),
    @JsonProperty("awaiting_user") AWAITING_USER("Ожидает ответа пользователя"),
    @JsonProperty("awaiting_implementation") AWAITING_IMPLEMENTATION("Ожидается реализация"),
    @JsonProperty("refused") REFUSED("Отказ"),
    @JsonProperty("closed") CLOSED("Закрытое");

    private final String label;

    TicketStatus(String label) {
        this.label = label;
    }

    /** Russian name, as the regulation writes it. */
    public String label() {
        return label;
    }
}
