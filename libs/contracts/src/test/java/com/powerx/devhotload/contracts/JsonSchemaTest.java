package com.powerx.devhotload.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps docs/events/schemas equal to what the records say. After changing a record, regenerate with
 * {@code ./mvnw -f libs/contracts/pom.xml test -Dpx.contracts.writeSchemas=true} and commit the result.
 */
class JsonSchemaTest {

    private static final String WRITE_PROPERTY = "px.contracts.writeSchemas";

    static Path eventsDocs() {
        // Surefire runs in the module directory (and sets basedir); docs/ sits at the repository root.
        return Path.of(System.getProperty("basedir", ".")).resolve("../../docs/events").toAbsolutePath().normalize();
    }

    @Test
    void checkedInSchemasMatchTheRecords() throws IOException {
        Map<String, ObjectNode> generated = JsonSchemaGenerator.all();
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            write(generated);
        }
        List<String> drifted = new ArrayList<>();
        for (var schema : generated.entrySet()) {
            Path file = eventsDocs().resolve(schema.getKey());
            String expected = JsonSchemaGenerator.render(schema.getValue());
            if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(expected)) {
                drifted.add(schema.getKey());
            }
        }
        assertThat(drifted)
                .as("schemas out of date under %s; regenerate with -D%s=true", eventsDocs(), WRITE_PROPERTY)
                .isEmpty();
    }

    @Test
    void noStaleSchemaFiles() throws IOException {
        Set<String> expected = JsonSchemaGenerator.all().keySet();
        try (Stream<Path> files = Files.list(eventsDocs().resolve("schemas"))) {
            List<String> present = files.map(f -> "schemas/" + f.getFileName()).toList();
            assertThat(present).as("schema files without an event type").allMatch(expected::contains);
        }
    }

    @Test
    void requiredListsAreTheRequiredComponents() {
        JsonSchemaGenerator.all().forEach((file, schema) -> {
            if (file.equals(JsonSchemaGenerator.ENVELOPE_FILE)) {
                assertThat(names(schema.get("required"))).containsExactly("specversion", "id", "source", "type");
                return;
            }
            String type = schema.get("title").asText();
            Class<?> record = PayloadTypes.of(EventTypes.isKnown(type) ? type : EventTypes.CLI_ERROR);
            List<String> requiredComponents = Arrays.stream(record.getRecordComponents())
                    .filter(c -> c.isAnnotationPresent(Required.class)).map(c -> c.getName()).toList();
            assertThat(names(schema.get("required"))).as(file).containsExactlyElementsOf(requiredComponents);
        });
    }

    @Test
    void samplesConformToTheirSchemas() {
        // A light structural check (no validator library here): every field written is declared, every required one
        // is written, and the declared JSON type matches.
        SamplePayloads.all().forEach((type, payload) -> {
            String file = JsonSchemaGenerator.payloadFile(EventTypes.isCliMetric(type)
                    ? JsonSchemaGenerator.CLI_FAMILY : type);
            ObjectNode schema = JsonSchemaGenerator.all().get(file);
            conforms(type, EventCodec.toNode(payload), schema, schema);
        });
    }

    @Test
    void envelopeTiesEveryTypeToItsPayloadSchema() {
        ObjectNode envelope = JsonSchemaGenerator.envelope();
        Set<String> refs = new HashSet<>();
        envelope.get("allOf").forEach(rule -> refs.add(rule.at("/then/properties/data/$ref").asText()));

        assertThat(refs).containsExactlyInAnyOrderElementsOf(JsonSchemaGenerator.all().keySet().stream()
                .filter(f -> !f.equals(JsonSchemaGenerator.ENVELOPE_FILE)).toList());
        assertThat(envelope.at("/properties/specversion/enum/0").asText()).isEqualTo("1.0");
    }

    private static void write(Map<String, ObjectNode> generated) throws IOException {
        Files.createDirectories(eventsDocs().resolve("schemas"));
        for (var schema : generated.entrySet()) {
            Files.writeString(eventsDocs().resolve(schema.getKey()), JsonSchemaGenerator.render(schema.getValue()),
                    StandardCharsets.UTF_8);
        }
    }

    private static void conforms(String where, JsonNode value, JsonNode schema, ObjectNode root) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().substring("#/$defs/".length());
            conforms(where, value, root.get("$defs").get(name), root);
            return;
        }
        String jsonType = schema.path("type").asText("");
        switch (jsonType) {
            case "object" -> {
                assertThat(value.isObject()).as(where).isTrue();
                JsonNode properties = schema.get("properties");
                if (properties != null) {
                    value.fieldNames().forEachRemaining(field ->
                            assertThat(properties.has(field)).as(where + "." + field + " declared").isTrue());
                    names(schema.get("required")).forEach(field ->
                            assertThat(value.has(field)).as(where + "." + field + " present").isTrue());
                    value.fields().forEachRemaining(f ->
                            conforms(where + "." + f.getKey(), f.getValue(), properties.get(f.getKey()), root));
                } else if (schema.has("additionalProperties")) {
                    value.fields().forEachRemaining(f -> conforms(where + "." + f.getKey(), f.getValue(),
                            schema.get("additionalProperties"), root));
                }
            }
            case "array" -> {
                assertThat(value.isArray()).as(where).isTrue();
                for (int i = 0; i < value.size(); i++) {
                    conforms(where + "[" + i + "]", value.get(i), schema.get("items"), root);
                }
            }
            case "string" -> assertThat(value.isTextual()).as(where).isTrue();
            case "integer" -> assertThat(value.isIntegralNumber()).as(where).isTrue();
            case "number" -> assertThat(value.isNumber()).as(where).isTrue();
            case "boolean" -> assertThat(value.isBoolean()).as(where).isTrue();
            default -> {
            }
        }
        if (schema.has("enum")) {
            assertThat(names(schema.get("enum"))).as(where).contains(value.asText());
        }
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> names.add(n.asText()));
        }
        return names;
    }
}
