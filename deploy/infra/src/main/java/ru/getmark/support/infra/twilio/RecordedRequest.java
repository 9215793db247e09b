package ru.getmark.support.infra.twilio;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One REST call the fake answered: method, path, form/query parameters (repeated ones in order), HTTP status. */
public record RecordedRequest(String method, String path, Map<String, List<String>> params, int httpStatus,
        Instant at) {

    /** The first value of a parameter, or null. */
    public String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
