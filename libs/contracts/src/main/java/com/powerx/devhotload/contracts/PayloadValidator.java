package com.powerx.devhotload.contracts;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a JSON object against a record's {@link Required} and {@link AllowedValues} components, recursing into
 * nested records and lists of records. Works on the JSON tree rather than the record so that a missing primitive
 * (which Jackson would silently turn into 0 or false) is still caught.
 */
final class PayloadValidator {

    /** The contract for one record component, read once per class: decoding is every consumer's hot path. */
    private record FieldRule(String name, boolean required, List<String> allowed, Type type) {
    }

    private static final ClassValue<List<FieldRule>> RULES = new ClassValue<>() {
        @Override
        protected List<FieldRule> computeValue(Class<?> recordType) {
            return Arrays.stream(recordType.getRecordComponents()).map(PayloadValidator::ruleOf).toList();
        }
    };

    private PayloadValidator() {
    }

    private static FieldRule ruleOf(RecordComponent component) {
        AllowedValues allowed = component.getAnnotation(AllowedValues.class);
        return new FieldRule(component.getName(), component.isAnnotationPresent(Required.class),
                allowed == null ? null : List.of(allowed.value()), component.getGenericType());
    }

    static void validate(String context, Class<?> recordType, JsonNode data) {
        if (!recordType.isRecord()) {
            throw new IllegalArgumentException(recordType.getName() + " is not a record");
        }
        if (data == null || data.isMissingNode() || data.isNull()) {
            throw new InvalidEventException(context + ": missing data");
        }
        if (!data.isObject()) {
            throw new InvalidEventException(context + ": data must be a JSON object");
        }
        checkRecord(context, recordType, data, "");
    }

    private static void checkRecord(String context, Class<?> recordType, JsonNode node, String pathPrefix) {
        for (FieldRule rule : RULES.get(recordType)) {
            String path = pathPrefix + rule.name();
            JsonNode value = node.get(rule.name());
            if (value == null || value.isNull()) {
                if (rule.required()) {
                    throw new InvalidEventException(context + ": missing required field '" + path + "'");
                }
                continue;
            }
            if (rule.allowed() != null && !(value.isTextual() && rule.allowed().contains(value.textValue()))) {
                throw new InvalidEventException(context + ": field '" + path + "' must be one of " + rule.allowed()
                        + ", was " + value);
            }
            checkNested(context, rule.type(), value, path);
        }
    }

    private static void checkNested(String context, Type type, JsonNode value, String path) {
        if (type instanceof Class<?> nested && nested.isRecord()) {
            if (!value.isObject()) {
                throw new InvalidEventException(context + ": field '" + path + "' must be an object");
            }
            checkRecord(context, nested, value, path + ".");
        } else if (type instanceof ParameterizedType list && list.getRawType() == List.class && value.isArray()) {
            Type element = list.getActualTypeArguments()[0];
            for (int i = 0; i < value.size(); i++) {
                checkNested(context, element, value.get(i), path + "[" + i + "]");
            }
        }
    }
}
