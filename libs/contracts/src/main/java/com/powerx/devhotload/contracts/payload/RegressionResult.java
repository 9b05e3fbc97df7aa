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
        String pluginId) implements EventPayload {
}
