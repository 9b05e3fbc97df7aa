package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.AllowedValues;
import com.powerx.devhotload.contracts.EventPayload;
import com.powerx.devhotload.contracts.Required;

/** {@code dev.session.sandbox.ready}: the sandbox serves the plugin at {@code sequence} (first start or restart). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SandboxReady(
        @Required String sessionId,
        @Required @AllowedValues({"node", "python", "external"}) String runtime,
        @Required long sequence,
        Long startupMs,
        // Non-zero when this is a restart after a crash.
        Integer restarts) implements EventPayload {
}
