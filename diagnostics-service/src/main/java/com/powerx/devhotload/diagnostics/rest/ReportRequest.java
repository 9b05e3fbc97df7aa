package com.powerx.devhotload.diagnostics.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code POST /internal/debug/report} (CONTRACT.md §7). Times are RFC 3339 strings, checked by the mapping. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReportRequest(String pluginId, String sessionId, String traceId, String alertId, WindowBody window, String notes,
                            String severity) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WindowBody(String from, String to) {
    }
}
