package com.powerx.devhotload.diagnostics.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.diagnostics.config.DiagnosticsConfig;
import com.powerx.devhotload.diagnostics.domain.CreateReport;
import com.powerx.devhotload.diagnostics.domain.ReportWindow;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * An alert as a report request: warning and critical alerts start a report by themselves (CONTRACT.md §7); the window
 * runs from a while before the alert first fired to just after it last did, so the failures that raised it are in.
 */
@ApplicationScoped
public class AlertReports {

    private final DiagnosticsConfig config;

    public AlertReports(DiagnosticsConfig config) {
        this.config = config;
    }

    /** The request, or null for an info alert or one without the fields a report needs. */
    public CreateReport forAlert(String tenant, JsonNode alert) {
        String severity = alert.path("severity").asText("");
        String alertId = alert.path("alertId").asText(null);
        String pluginId = alert.path("pluginId").asText(null);
        if (!(severity.equals("warning") || severity.equals("critical")) || alertId == null || pluginId == null) {
            return null;
        }
        Instant first = instant(alert.path("firstSeen"), Instant.now());
        Instant last = instant(alert.path("lastSeen"), first);
        String sessionId = alert.path("sessionId").asText(null);
        String notes = "alert " + alert.path("rule").asText("?") + ": " + alert.path("message").asText("");
        return new CreateReport(tenant, pluginId, sessionId, null, alertId,
                new ReportWindow(first.minus(config.windowBefore()), last.plus(config.windowAfter())), notes, severity);
    }

    private static Instant instant(JsonNode node, Instant fallback) {
        try {
            return node.isTextual() ? Instant.parse(node.asText()) : fallback;
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
