package com.powerx.devhotload.cli.output;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of output: an event name from CONTRACT §11 ({@code registered}, {@code uploaded}, {@code ready},
 * {@code reloading}, {@code reloaded}, {@code rolled-back}, {@code failed}, {@code log}, {@code error}, {@code stopped})
 * and the fields that apply to it.
 */
public final class Event {

    private final String name;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Event(String name) {
        this.name = name;
    }

    public static Event of(String name) {
        return new Event(name);
    }

    public Event sessionId(String value) {
        return put("sessionId", value);
    }

    public Event sequence(Long value) {
        return put("sequence", value);
    }

    public Event durationMs(Long value) {
        return put("durationMs", value);
    }

    public Event bytes(Long value) {
        return put("bytes", value);
    }

    public Event error(String value) {
        return put("error", value);
    }

    public Event message(String value) {
        return put("message", value);
    }

    /** Any other field (errorCode, file, line, level, adminUrl, ...); null values are left out. */
    public Event put(String field, Object value) {
        if (value != null) {
            fields.put(field, value);
        }
        return this;
    }

    public String name() {
        return name;
    }

    public Object get(String field) {
        return fields.get(field);
    }

    public Map<String, Object> fields() {
        return fields;
    }
}
