package com.powerx.devhotload.diagnostics.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code POST /internal/debug/logs/export}: a session's or a plugin's log lines of a window, at or above a level. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogExportRequest(String sessionId, String pluginId, ReportRequest.WindowBody window, String level) {
}
