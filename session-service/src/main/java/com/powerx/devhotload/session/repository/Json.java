package com.powerx.devhotload.session.repository;

import com.fasterxml.jackson.core.type.TypeReference;
import com.powerx.devhotload.contracts.JsonText;
import com.powerx.devhotload.contracts.payload.FileRef;

import java.util.List;
import java.util.Map;

/**
 * This service's JSONB columns as text. Parameters are bound as {@code $n::text::jsonb}: the pg client would encode
 * a Java String bound to a jsonb parameter as a JSON string literal, not as the document it contains.
 */
final class Json {

    private static final TypeReference<List<FileRef>> FILES = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private Json() {
    }

    static String write(Object value) {
        return JsonText.write(value);
    }

    static List<FileRef> files(Object column) {
        return column == null ? null : JsonText.read(column.toString(), FILES);
    }

    static List<String> strings(Object column) {
        return column == null ? List.of() : JsonText.read(column.toString(), STRINGS);
    }

    static Map<String, Object> map(Object column) {
        return column == null ? Map.of() : JsonText.read(column.toString(), MAP);
    }
}
