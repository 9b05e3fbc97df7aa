package com.powerx.devhotload.diagnostics.domain;

/**
 * A request for a report, from an API caller or from an alert: the one domain command both map to. {@code alertId}
 * makes it idempotent (one report per alert).
 */
public record CreateReport(
        String tenantId,
        String pluginId,
        String sessionId,
        String traceId,
        String alertId,
        ReportWindow window,
        String notes,
        String severity) {
}
