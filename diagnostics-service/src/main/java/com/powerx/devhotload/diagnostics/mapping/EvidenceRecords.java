package com.powerx.devhotload.diagnostics.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.JsonText;
import com.powerx.devhotload.diagnostics.domain.EvidenceEvent;
import com.powerx.devhotload.masking.MaskingEngine;

import java.time.Instant;

/**
 * A Kafka event as the evidence store keeps it: its data masked (again — the producers mask too, but the store must
 * hold nothing unmasked whatever a producer missed), with the level and message a timeline row shows.
 */
public final class EvidenceRecords {

    private EvidenceRecords() {
    }

    public static EvidenceEvent of(CloudEvent event, String topic, long offset, Instant recordTime, MaskingEngine engine) {
        String data = engine.maskJson(event.data() == null ? "{}" : event.data().toString()).text();
        JsonNode masked = JsonText.tree(data);
        Instant time = event.time() != null ? Instant.ofEpochMilli(CloudEvent.parseTime(event.time())) : recordTime;
        return new EvidenceEvent(time, event.id(), event.tenantid(), pluginOf(event, masked), event.sessionid(),
                traceId(event.traceparent()), event.type(), topic, offset, level(event.type(), masked), message(event.type(), masked), data);
    }

    private static String pluginOf(CloudEvent event, JsonNode data) {
        return event.pluginid() != null ? event.pluginid() : text(data, "pluginId");
    }

    /** The trace id of a W3C traceparent ({@code 00-<trace>-<span>-<flags>}), or null. */
    static String traceId(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.split("-");
        return parts.length >= 3 && parts[1].length() == 32 ? parts[1] : null;
    }

    static String level(String type, JsonNode data) {
        return switch (type) {
            case EventTypes.SESSION_LOG -> text(data, "level");
            case EventTypes.RELOAD_FAILED, EventTypes.ROLLED_BACK, EventTypes.SANDBOX_CRASHED, EventTypes.CLI_ERROR -> "error";
            case EventTypes.ALERT_RAISED -> "critical".equals(text(data, "severity")) ? "error" : "warn";
            case EventTypes.INVOKE_FAILED -> "error";
            default -> "info";
        };
    }

    static String message(String type, JsonNode data) {
        return switch (type) {
            case EventTypes.SESSION_LOG -> text(data, "message");
            case EventTypes.RELOAD_FAILED, EventTypes.ROLLED_BACK -> data.at("/error/message").asText(null);
            case EventTypes.SANDBOX_CRASHED -> text(data, "error");
            case EventTypes.ALERT_RAISED -> text(data, "message");
            case EventTypes.INVOKE_FAILED -> data.at("/error/message").asText(null);
            default -> null;
        };
    }

    static String text(JsonNode data, String field) {
        JsonNode v = data.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
