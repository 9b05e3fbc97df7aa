package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.EventPayload;
import com.powerx.devhotload.contracts.Required;

/** {@code plugin.debug.regression.passed|failed}: the outcome of replaying a report's reproduction on current code. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegressionResult(
        @Required String reportId,
        @Required String runId,
        @Required boolean passed,
        String details,
        // Lets ticket-bridge find the ticket by fingerprint without asking diagnostics.
        String fingerprint,
        String pluginId,
        // The session, reload sequence and build hash the run verified: the build a fix is known to hold on.
        String sessionId,
        Long reloadSequence,
        String buildHash) implements EventPayload {

    /** A result whose verified build is not known (the fields above are optional). */
    public RegressionResult(String reportId, String runId, boolean passed, String details, String fingerprint, String pluginId) {
        this(reportId, runId, passed, details, fingerprint, pluginId, null, null, null);
    }
}
