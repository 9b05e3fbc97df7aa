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
        String alertId,
        // The reload sequence and build hash of the session's code the failure happened on: ticket-bridge reopens a
        // ticket closed by a verified fix only for a failure on that build or a later one (never by wall clock).
        Long reloadSequence,
        String buildHash) implements EventPayload {

    /** A report whose build is not known (the fields above are optional). */
    public ReportReady(String reportId, String pluginId, String sessionId, String fingerprint, String severity, String title,
                       String summary, String reportUrl, String alertId) {
        this(reportId, pluginId, sessionId, fingerprint, severity, title, summary, reportUrl, alertId, null, null);
    }
}
