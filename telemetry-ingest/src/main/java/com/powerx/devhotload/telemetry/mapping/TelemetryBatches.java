package com.powerx.devhotload.telemetry.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.telemetry.config.IntakeConfig;
import com.powerx.devhotload.telemetry.domain.RejectedEvent;
import com.powerx.devhotload.telemetry.domain.Rejection;
import com.powerx.devhotload.telemetry.domain.TelemetryBatch;
import com.powerx.devhotload.telemetry.domain.TelemetryEvent;
import com.powerx.devhotload.telemetry.domain.TelemetryName;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The telemetry body to a {@link TelemetryBatch}. A body that is not JSON, or has no {@code events} array, is a 400
 * and nothing is published; a batch over the limits is a 413; a bad single event is only rejected with its reason.
 */
public final class TelemetryBatches {

    private TelemetryBatches() {
    }

    public static TelemetryBatch parse(byte[] body, IntakeConfig limits, Instant now) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("malformed_json", "request body is required");
        }
        if (body.length > limits.maxBytes()) {
            throw tooLarge("body is larger than " + limits.maxBytes() + " bytes");
        }
        JsonNode events = readTree(body).get("events");
        if (events == null || !events.isArray()) {
            throw ApiException.invalid("events", "must be an array");
        }
        if (events.size() > limits.maxEvents()) {
            throw tooLarge("at most " + limits.maxEvents() + " events per batch");
        }
        List<TelemetryEvent> candidates = new ArrayList<>();
        List<RejectedEvent> rejected = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Object result = toEvent(i, events.get(i), limits, now);
            if (result instanceof TelemetryEvent e) {
                candidates.add(e);
            } else {
                rejected.add(RejectedEvent.of(i, (Rejection) result));
            }
        }
        return new TelemetryBatch(candidates, rejected);
    }

    /** A {@link TelemetryEvent}, or the {@link Rejection} of the first check it fails. */
    private static Object toEvent(int index, JsonNode node, IntakeConfig limits, Instant now) {
        if (node == null || !node.isObject()) {
            return Rejection.NOT_AN_OBJECT;
        }
        JsonNode nameNode = node.get("name");
        if (nameNode == null || nameNode.isNull() || !nameNode.isTextual() || nameNode.asText().isBlank()) {
            return Rejection.MISSING_NAME;
        }
        String name = nameNode.asText();
        var kind = TelemetryName.of(name);
        if (kind.isEmpty()) {
            return Rejection.UNKNOWN_NAME;
        }
        Instant timestamp = timestamp(node.get("timestamp"));
        if (timestamp == null) {
            return Rejection.BAD_TIMESTAMP;
        }
        if (timestamp.isBefore(now.minus(limits.maxAge()))) {
            return Rejection.TOO_OLD;
        }
        if (timestamp.isAfter(now.plus(limits.maxFuture()))) {
            return Rejection.IN_FUTURE;
        }
        Double value = value(node.get("value"), kind.get());
        if (value == null) {
            return Rejection.BAD_VALUE;
        }
        Map<String, String> attributes = attributes(node.get("attributes"));
        if (attributes == null) {
            return Rejection.BAD_ATTRIBUTES;
        }
        return new TelemetryEvent(index, name, kind.get(), timestamp, text(node.get("sessionId")), text(node.get("pluginId")),
                value, attributes);
    }

    private static Instant timestamp(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The value; 1 for a counter without one; null when it is not a finite, non-negative number. */
    private static Double value(JsonNode node, TelemetryName kind) {
        if (node == null || node.isNull()) {
            return kind.needsValue() ? null : 1.0;
        }
        if (!node.isNumber()) {
            return null;
        }
        double v = node.asDouble();
        return Double.isFinite(v) && v >= 0 ? v : null;
    }

    /** String attributes (scalars as text); null when {@code attributes} is not an object. */
    private static Map<String, String> attributes(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            return null;
        }
        node.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
        return out;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }

    private static JsonNode readTree(byte[] body) {
        try {
            JsonNode root = EventCodec.mapper().readTree(body);
            if (root == null || !root.isObject()) {
                throw ApiException.badRequest("malformed_json", "request body must be a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw ApiException.badRequest("malformed_json", "request body is not valid JSON");
        }
    }

    private static ApiException tooLarge(String message) {
        return new ApiException(ErrorCode.DEV_PAYLOAD_TOO_LARGE, "payload_too_large", message);
    }
}
