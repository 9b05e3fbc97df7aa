package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.EventPayload;
import com.powerx.devhotload.contracts.Required;

import java.util.List;

/** {@code dev.session.reload.recorded}: a reload the CLI reported as failed to build; recorded, never applied. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReloadRecorded(
        @Required String sessionId,
        @Required long sequence,
        @Required String reloadId,
        @Required boolean success,
        String error,
        List<BuildDiagnostic> diagnostics,
        // The CLI's build time, as it reported it.
        Long durationMs,
        String buildHash,
        Long clientSequence) implements EventPayload {
}
