package com.powerx.devhotload.ticket.domain;

/** What the bridge keeps of a ready report (from {@code plugin.debug.report.ready}): enough to open or comment a ticket. */
public record ReportFacts(String reportId, String tenantId, String pluginId, String sessionId, String fingerprint, String title,
                          String summary, String severity, String reportUrl, Long reloadSequence, String buildHash) {

    public BuildMark build() {
        return new BuildMark(sessionId, reloadSequence, buildHash);
    }
}
