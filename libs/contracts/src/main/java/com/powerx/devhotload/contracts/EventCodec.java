package com.powerx.devhotload.contracts;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;

/** Reads and writes {@link CloudEvent}s and their payloads as JSON, enforcing the contract on the way in. */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // Forward compatibility: a consumer built against an older contract ignores fields added later.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Times are RFC 3339 strings everywhere (CONTRACT.md §1), never epoch numbers.
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private EventCodec() {
    }

    /** The shared, preconfigured mapper; thread-safe. Do not reconfigure it: use {@code mapper().copy()} instead. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The event as UTF-8 JSON bytes (structured mode). */
    public static byte[] encode(CloudEvent event) {
        checkEnvelope(MAPPER.valueToTree(event));
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JacksonException e) {
            throw new InvalidEventException("cannot encode CloudEvent: " + e.getOriginalMessage(), e);
        }
    }

    /** The event as a JSON string (structured mode). */
    public static String encodeToString(CloudEvent event) {
        return new String(encode(event), StandardCharsets.UTF_8);
    }

    /** Parses a structured-mode event; rejects malformed JSON and missing or invalid required attributes. */
    public static CloudEvent decode(byte[] json) {
        if (json == null) {
            throw new InvalidEventException("CloudEvent: no content");
        }
        try {
            return fromTree(MAPPER.readTree(json));
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /** Parses a structured-mode event; rejects malformed JSON and missing or invalid required attributes. */
    public static CloudEvent decode(String json) {
        return decode(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The event's {@code data} as {@code type}, after checking its required fields and closed value sets.
     *
     * @throws InvalidEventException naming the event type and the field at fault
     */
    public static <T> T payload(CloudEvent event, Class<T> type) {
        String context = event.type() != null ? event.type() : type.getSimpleName();
        if (type.isRecord()) {
            PayloadValidator.validate(context, type, event.data());
        }
        try {
            return MAPPER.treeToValue(event.data(), type);
        } catch (JacksonException | IllegalArgumentException e) {
            String detail = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
            throw new InvalidEventException(context + ": malformed payload: " + detail, e);
        }
    }

    /** The event's {@code data} as the record registered for its type (see {@link PayloadTypes}). */
    public static EventPayload payload(CloudEvent event) {
        Class<? extends EventPayload> type = PayloadTypes.find(event.type())
                .orElseThrow(() -> new InvalidEventException("unknown event type '" + event.type() + "'"));
        return payload(event, type);
    }

    /**
     * A payload as a JSON tree in canonical form: written out and read back, so the tree is node-for-node equal to
     * the one a consumer decodes (a {@code long} 7 read back is an int node, and trees compare by node type).
     */
    public static JsonNode toNode(Object payload) {
        if (payload == null) {
            return null;
        }
        try {
            return MAPPER.readTree(MAPPER.writeValueAsBytes(payload));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("payload cannot be written as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CloudEvent fromTree(JsonNode tree) {
        checkEnvelope(tree);
        try {
            return MAPPER.treeToValue(tree, CloudEvent.class);
        } catch (JacksonException e) {
            throw malformed(e);
        }
    }

    private static void checkEnvelope(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException("CloudEvent: not a JSON object");
        }
        PayloadValidator.validate("CloudEvent", CloudEvent.class, tree);
        for (String attribute : new String[] {"id", "source", "type"}) {
            JsonNode value = tree.get(attribute);
            if (!value.isTextual() || value.textValue().isBlank()) {
                throw new InvalidEventException("CloudEvent: attribute '" + attribute + "' must be a non-empty string");
            }
        }
        JsonNode time = tree.get("time");
        if (time != null && !time.isNull()) {
            try {
                CloudEvent.parseTime(time.asText());
            } catch (DateTimeParseException e) {
                throw new InvalidEventException("CloudEvent: attribute 'time' is not an RFC 3339 timestamp: " + time);
            }
        }
    }

    // Only Jackson's own message: the default message may quote the input, which can hold unmasked data.
    private static InvalidEventException malformed(IOException e) {
        String detail = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
        return new InvalidEventException("CloudEvent: malformed JSON: " + detail, e);
    }
}
