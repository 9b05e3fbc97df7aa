package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.EventPayload;
import com.powerx.devhotload.contracts.Required;

/** {@code plugin.debug.report.ready}: a masked debug report is ready; {@code fingerprint} groups reports per ticket. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportReady(
        @Required String reportId,
        @Required String pluginId,
        String sessionId,
        @Required String fingerprint,
        String severity,
        @Required String title,
        String summary,
        String reportUrl,
        // The alert that triggered the report, if any.
        String alertId) implements EventPayload {
}
