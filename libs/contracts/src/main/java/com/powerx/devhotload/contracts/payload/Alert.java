package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.AllowedValues;
import com.powerx.devhotload.contracts.EventPayload;
import com.powerx.devhotload.contracts.Required;

import java.time.Instant;

/** {@code plugin.debug.alert}: an alert rule fired; repeats of an open alert raise {@code count}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(
        @Required String alertId,
        // reload-failure-streak | sandbox-crash-loop | bundle-oversize | telemetry-gap
        @Required String rule,
        @Required @AllowedValues({"info", "warning", "critical"}) String severity,
        // Absent for per-plugin rules such as bundle-oversize.
        String sessionId,
        @Required String pluginId,
        @Required String tenantId,
        @Required long count,
        @Required Instant firstSeen,
        @Required Instant lastSeen,
        String message) implements EventPayload {
}
