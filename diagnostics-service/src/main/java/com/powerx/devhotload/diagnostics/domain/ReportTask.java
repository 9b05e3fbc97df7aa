package com.powerx.devhotload.diagnostics.domain;

import java.util.UUID;

/** A report task as a worker holds it: what to build and how often it has been tried. */
public record ReportTask(
        UUID reportId,
        String tenantId,
        String alertId,
        String pluginId,
        String sessionId,
        String traceId,
        String severity,
        String notes,
        ReportWindow window,
        ReportStatus status,
        int attempts) {
}
