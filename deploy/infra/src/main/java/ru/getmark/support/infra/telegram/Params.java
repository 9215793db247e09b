package ru.getmark.support.infra.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of one Bot API call, read the ways Telegram accepts them: query string, JSON body,
 * {@code application/x-www-form-urlencoded} or {@code multipart/form-data}. JSON-typed parameters
 * ({@code reply_markup}, {@code allowed_updates}, {@code commands}) may arrive as JSON or as a JSON string.
 */
final class Params {

    private final ObjectNode fields;
    private final Map<String, Multipart.Part> files;

    private Params(ObjectNode fields, Map<String, Multipart.Part> files) {
        this.fields = fields;
        this.files = files;
    }

    static Params of(ObjectNode fields) {
        return new Params(fields.deepCopy(), Map.of());
    }

    static Params read(HttpExchange exchange) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        Map<String, Multipart.Part> files = new HashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            form(query, fields);
        }
        byte[] body;
        try {
            body = exchange.getRequestBody().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (body.length > 0) {
            if (type.startsWith("application/json")) {
                JsonNode json;
                try {
                    json = FakeTelegramApi.mapper().readTree(body);
                } catch (IOException e) {
                    throw BotApiException.badRequest("can't parse JSON object");
                }
                if (json != null && json.isObject()) {
                    fields.setAll((ObjectNode) json);
                }
            } else if (type.startsWith("multipart/form-data")) {
                for (Multipart.Part part : Multipart.parse(body, Multipart.boundary(contentType))) {
                    if (part.name() == null) {
                        continue;
                    }
                    if (part.fileName() != null) {
                        files.put(part.name(), part);
                    } else {
                        fields.put(part.name(), part.text());
                    }
                }
            } else {
                form(new String(body, StandardCharsets.UTF_8), fields);
            }
        }
        return new Params(fields, files);
    }

    private static void form(String encoded, ObjectNode into) {
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.put(key, value);
        }
    }

    /** A scalar parameter as text (numbers too), or null. */
    String text(String name) {
        JsonNode v = fields.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    Long longValue(String name) {
        String v = text(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw BotApiException.badRequest("field \"" + name + "\" must be a valid Number");
        }
    }

    Integer intValue(String name) {
        Long v = longValue(name);
        return v == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    boolean bool(String name) {
        String v = text(name);
        return v != null && (v.equalsIgnoreCase("true") || v.equals("1"));
    }

    /** A JSON-typed parameter, parsed when it came as a string; null when absent. */
    JsonNode json(String name) {
        JsonNode v = fields.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            try {
                return FakeTelegramApi.mapper().readTree(v.asText());
            } catch (IOException e) {
                throw BotApiException.badRequest("can't parse " + name + " JSON object");
            }
        }
        return v;
    }

    /** The uploaded file of a field: a part of that name, or the part an {@code attach://<name>} value names. */
    Multipart.Part file(String name) {
        Multipart.Part part = files.get(name);
        String value = text(name);
        if (part == null && value != null && value.startsWith("attach://")) {
            part = files.get(value.substring("attach://".length()));
        }
        return part;
    }

    /** The parameters as recorded: JSON-typed strings parsed, files summarised. */
    JsonNode recorded() {
        ObjectNode copy = fields.deepCopy();
        for (String name : new String[] {"reply_markup", "allowed_updates", "commands", "scope", "entities"}) {
            JsonNode v = copy.get(name);
            if (v != null && v.isTextual()) {
                try {
                    copy.set(name, FakeTelegramApi.mapper().readTree(v.asText()));
                } catch (IOException ignored) {
                    // left as the string the bot sent
                }
            }
        }
        files.forEach((name, part) -> copy.putObject(name).put("file_name", part.fileName())
                .put("size", part.body().length));
        return copy;
    }
}
