package ru.getmark.support.phone.service;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.phone.domain.CallForm;
import ru.getmark.support.phone.domain.CallValidator;
import ru.getmark.support.phone.domain.Violation;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON body of {@code POST /api/calls} into a {@link CallForm} by hand rather than by data binding, so that
 * a wrong JSON type or an unknown enum value becomes a named, Russian {@link Violation} next to the other problems,
 * and broken JSON a problem of the "body", instead of a framework error page.
 */
public final class CallRequestReader {

    /** The request fields, in the order problems are reported. */
    public static final List<String> FIELDS = List.of("inn", "customerName", "email", "phone", "type", "process",
            "impact", "subject", "description");

    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The form read from the body, and the problems found while reading it. */
    public record Parsed(CallForm form, List<Violation> violations) {
    }

    private CallRequestReader() {
    }

    public static Parsed read(String body) {
        List<Violation> violations = new ArrayList<>();
        if (body == null || body.isBlank()) {
            violations.add(new Violation(CallValidator.BODY, "Тело запроса пустое: передайте обращение в формате JSON."));
            return new Parsed(CallForm.empty(), violations);
        }
        JsonNode root;
        try {
            root = READER.readTree(body);
        } catch (JsonProcessingException e) {
            violations.add(new Violation(CallValidator.BODY, "Тело запроса не является корректным JSON" + where(e.getLocation())
                    + ". Проверьте кавычки, запятые и скобки."));
            return new Parsed(CallForm.empty(), violations);
        }
        if (root == null || !root.isObject()) {
            violations.add(new Violation(CallValidator.BODY, "Тело запроса должно быть JSON-объектом с полями обращения: "
                    + String.join(", ", FIELDS) + "."));
            return new Parsed(CallForm.empty(), violations);
        }
        String[] values = new String[FIELDS.size()];
        for (int i = 0; i < values.length; i++) {
            String field = FIELDS.get(i);
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                continue;
            }
            if (node.isTextual()) {
                values[i] = node.textValue();
            } else {
                violations.add(new Violation(field, "Значение должно быть строкой в кавычках"
                        + ("inn".equals(field) || "phone".equals(field) ? " (иначе теряются ведущие нули)." : ".")));
            }
        }
        return new Parsed(new CallForm(values[0], values[1], values[2], values[3], values[4], values[5], values[6],
                values[7], values[8]), violations);
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (строка " + location.getLineNr() + ", позиция " + location.getColumnNr() + ")";
    }
}
