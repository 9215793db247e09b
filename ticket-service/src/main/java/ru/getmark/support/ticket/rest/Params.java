package ru.getmark.support.ticket.rest;

import jakarta.ws.rs.BadRequestException;
import ru.getmark.support.common.json.Json;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Query parameters in the contracts' JSON codes ("in_progress", "high", ...), refused with the allowed values. */
final class Params {

    private Params() {
    }

    static <E extends Enum<E>> E code(String value, Class<E> type, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.convertValue(value.strip(), type);
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants())
                    .map(c -> Json.MAPPER.convertValue(c, String.class))
                    .filter(c -> !"unknown".equals(c))
                    .collect(Collectors.joining(", "));
            throw new BadRequestException("Неизвестное значение параметра " + name + ": «" + value
                    + "». Допустимые значения: " + allowed);
        }
    }
}
