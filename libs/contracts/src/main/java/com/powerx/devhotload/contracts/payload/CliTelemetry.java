package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.EventPayload;
import com.powerx.devhotload.contracts.Required;

import java.time.Instant;
import java.util.Map;

/** {@code dev.hotload.cli.<metric>}: one CLI telemetry event as accepted by telemetry-ingest. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CliTelemetry(
        // The telemetry name as sent, e.g. dev.hotload.cli_build_time_ms.
        @Required String name,
        @Required Instant timestamp,
        String sessionId,
        String pluginId,
        @Required double value,
        Map<String, String> attributes) implements EventPayload {
}
