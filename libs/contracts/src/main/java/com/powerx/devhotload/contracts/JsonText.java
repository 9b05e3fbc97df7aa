package com.powerx.devhotload.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * JSON text in and out with the contracts' own mapper, so what a service stores (JSONB columns, idempotent replies)
 * has the same shape as what it publishes. Failures are unchecked: writing a value we built is a bug, and reading
 * text we stored ourselves that no longer parses is a corrupted row, not a client error.
 */
public final class JsonText {

    private JsonText() {
    }

    /** The value as JSON text; null stays null. */
    public static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-serialisable: " + e.getOriginalMessage(), e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return EventCodec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventCodec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static JsonNode tree(String json) {
        try {
            return EventCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON: " + e.getOriginalMessage(), e);
        }
    }
}
