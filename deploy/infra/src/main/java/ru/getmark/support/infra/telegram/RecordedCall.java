package ru.getmark.support.infra.telegram;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One Bot API call the bot made: method, parameters (JSON-typed fields such as {@code reply_markup} parsed; file
 * parts shown as {@code {"file_name":..,"size":..}}), the HTTP status the fake answered and when.
 */
public record RecordedCall(String method, JsonNode params, int status, Instant at) {

    public String param(String name) {
        JsonNode v = params.get(name);
        return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }
}
