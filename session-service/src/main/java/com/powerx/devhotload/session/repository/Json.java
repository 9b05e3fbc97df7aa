package com.powerx.devhotload.session.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.payload.FileRef;

import java.util.List;
import java.util.Map;

/**
 * JSONB columns as text: one mapper, the contracts' own, so stored and published shapes never differ. Parameters are
 * bound as {@code $n::text::jsonb}: the pg client would encode a Java String bound to a jsonb parameter as a JSON
 * string literal, not as the document it contains.
 */
final class Json {

    private static final TypeReference<List<FileRef>> FILES = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private Json() {
    }

    static String write(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<FileRef> files(Object column) {
        return column == null ? null : read(column.toString(), FILES);
    }

    static Map<String, Object> map(Object column) {
        return column == null ? Map.of() : read(column.toString(), MAP);
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventCodec.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable JSON column", e);
        }
    }
}
