package com.powerx.devhotload.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives the JSON Schemas (draft 2020-12) of docs/events from the records by reflection, so the documentation
 * cannot drift from the code: {@link Required} gives {@code required}, {@link AllowedValues} gives {@code enum}.
 */
final class JsonSchemaGenerator {

    static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";
    static final String ENVELOPE_FILE = "cloudevent.schema.json";
    /** The CLI metric family shares one schema, named after its topic. */
    static final String CLI_FAMILY = "dev.hotload.cli";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private JsonSchemaGenerator() {
    }

    /** Every schema file, by path relative to docs/events. */
    static Map<String, ObjectNode> all() {
        Map<String, ObjectNode> files = new LinkedHashMap<>();
        files.put(ENVELOPE_FILE, envelope());
        PayloadTypes.fixed().forEach((type, record) ->
                files.put(payloadFile(type), payload(type, EventTypes.topicOf(type), record)));
        files.put(payloadFile(CLI_FAMILY), payload(EventTypes.CLI_METRIC_PREFIX + "<metric>", Topics.HOTLOAD_CLI,
                PayloadTypes.of(EventTypes.CLI_ERROR)));
        return files;
    }

    static String payloadFile(String type) {
        return "schemas/" + type + ".schema.json";
    }

    /** The schema of one payload record: {@code data} of events of {@code typeLabel}. */
    static ObjectNode payload(String typeLabel, String topic, Class<?> record) {
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", DRAFT);
        schema.put("title", typeLabel);
        schema.put("description", "data of a " + typeLabel + " CloudEvent on topic " + topic + " (record "
                + record.getName() + "). Unknown fields are ignored by consumers; absent optional fields are omitted,"
                + " never null.");
        Map<String, ObjectNode> defs = new LinkedHashMap<>();
        describeRecord(record, schema, defs);
        if (!defs.isEmpty()) {
            ObjectNode defsNode = schema.putObject("$defs");
            defs.forEach(defsNode::set);
        }
        return schema;
    }

    /** The envelope's schema, with {@code data} tied to the payload schema of each type. */
    static ObjectNode envelope() {
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", DRAFT);
        schema.put("title", "CloudEvent");
        schema.put("description", "CloudEvents 1.0 structured-mode envelope (" + CloudEvent.STRUCTURED_CONTENT_TYPE
                + ") of every event on Kafka. Extensions: tenantid, pluginid, sessionid where known; traceparent.");
        describeRecord(CloudEvent.class, schema, new LinkedHashMap<>());
        ObjectNode properties = (ObjectNode) schema.get("properties");
        ((ObjectNode) properties.get("time")).put("format", "date-time")
                .put("description", "RFC 3339 UTC; producers write milliseconds, e.g. 2026-11-22T23:11:46.123Z");
        ((ObjectNode) properties.get("type")).put("description", "see docs/events/README.md for every type");
        ((ObjectNode) properties.get("datacontenttype")).put("default", CloudEvent.DATA_CONTENT_TYPE);
        ((ObjectNode) properties.get("data")).put("description", "the payload; its schema depends on type");
        ArrayNode allOf = schema.putArray("allOf");
        PayloadTypes.fixed().keySet().forEach(type ->
                allOf.add(dataRule(JSON.objectNode().put("const", type), payloadFile(type))));
        allOf.add(dataRule(JSON.objectNode().put("pattern", "^" + EventTypes.CLI_METRIC_PREFIX.replace(".", "\\.")),
                payloadFile(CLI_FAMILY)));
        return schema;
    }

    /** The file's text: two-space indentation, {@code "key": value}, one trailing newline. */
    static String render(JsonNode schema) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        try {
            return EventCodec.mapper().writer(printer).writeValueAsString(schema) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode dataRule(ObjectNode typeCondition, String schemaFile) {
        ObjectNode rule = JSON.objectNode();
        ObjectNode condition = rule.putObject("if");
        condition.putObject("properties").set("type", typeCondition);
        // Without it an event lacking "type" would match every rule at once.
        condition.putArray("required").add("type");
        rule.putObject("then").putObject("properties").putObject("data").put("$ref", schemaFile);
        return rule;
    }

    private static void describeRecord(Class<?> record, ObjectNode target, Map<String, ObjectNode> defs) {
        target.put("type", "object");
        ObjectNode properties = target.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (RecordComponent component : record.getRecordComponents()) {
            ObjectNode property = typeOf(component.getGenericType(), defs);
            AllowedValues allowed = component.getAnnotation(AllowedValues.class);
            if (allowed != null) {
                ArrayNode values = property.putArray("enum");
                List.of(allowed.value()).forEach(values::add);
            }
            properties.set(component.getName(), property);
            if (component.isAnnotationPresent(Required.class)) {
                required.add(component.getName());
            }
        }
        if (!required.isEmpty()) {
            target.set("required", required);
        }
    }

    private static ObjectNode typeOf(Type type, Map<String, ObjectNode> defs) {
        if (type instanceof ParameterizedType parameterized) {
            Type[] arguments = parameterized.getActualTypeArguments();
            if (parameterized.getRawType() == List.class) {
                ObjectNode array = JSON.objectNode().put("type", "array");
                array.set("items", typeOf(arguments[0], defs));
                return array;
            }
            if (parameterized.getRawType() == Map.class && arguments[0] == String.class) {
                ObjectNode map = JSON.objectNode().put("type", "object");
                map.set("additionalProperties", typeOf(arguments[1], defs));
                return map;
            }
        } else if (type instanceof Class<?> cls) {
            if (cls == String.class) {
                return JSON.objectNode().put("type", "string");
            }
            if (cls == Instant.class) {
                return JSON.objectNode().put("type", "string").put("format", "date-time");
            }
            if (cls == long.class || cls == Long.class || cls == int.class || cls == Integer.class) {
                return JSON.objectNode().put("type", "integer");
            }
            if (cls == double.class || cls == Double.class) {
                return JSON.objectNode().put("type", "number");
            }
            if (cls == boolean.class || cls == Boolean.class) {
                return JSON.objectNode().put("type", "boolean");
            }
            if (cls == JsonNode.class) {
                return JSON.objectNode();
            }
            if (cls.isRecord()) {
                if (!defs.containsKey(cls.getSimpleName())) {
                    ObjectNode def = JSON.objectNode();
                    defs.put(cls.getSimpleName(), def);
                    describeRecord(cls, def, defs);
                }
                return JSON.objectNode().put("$ref", "#/$defs/" + cls.getSimpleName());
            }
        }
        // Fail loudly: a new Java type needs a deliberate JSON mapping, not a silent "anything".
        throw new IllegalArgumentException("no JSON Schema mapping for " + type.getTypeName());
    }
}
