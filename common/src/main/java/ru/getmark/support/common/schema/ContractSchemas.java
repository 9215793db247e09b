package ru.getmark.support.common.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import ru.getmark.support.common.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates JSON against the contract schemas kept in {@code common/src/main/resources/schemas}, so that every
 * producer's tests check what they really put on a topic. It needs {@code com.networknt:json-schema-validator},
 * an optional dependency of common: services add it in test scope.
 */
public final class ContractSchemas {

    public static final String INTAKE_MESSAGE = "intake-message.v1.schema.json";
    public static final String TICKET_EVENT = "ticket-event.v1.schema.json";
    public static final String INTAKE_REJECTED = "intake-rejected.v1.schema.json";

    private static final String BASE = "https://getmark.ru/schemas/";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(m -> m.mapPrefix(BASE, "classpath:schemas/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private ContractSchemas() {
    }

    /** The violations of a JSON document against a schema file; empty when it is valid. */
    public static List<String> violations(String schemaFile, JsonNode json) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(schemaFile,
                file -> FACTORY.getSchema(SchemaLocation.of(BASE + file), CONFIG));
        return schema.validate(json).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** The violations of serialised JSON (e.g. a Kafka record's value) against a schema file. */
    public static List<String> violations(String schemaFile, byte[] json) {
        try {
            return violations(schemaFile, Json.MAPPER.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON", e);
        }
    }
}
