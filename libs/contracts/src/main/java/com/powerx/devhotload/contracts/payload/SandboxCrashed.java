package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.EventPayload;
import com.powerx.devhotload.contracts.Required;

/** {@code dev.session.sandbox.crashed}: the sandbox process exited; {@code willRestart} false: it is now failed. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SandboxCrashed(
        Integer exitCode,
        String signal,
        @Required int restarts,
        @Required boolean willRestart,
        String error,
        // Backoff before the next try (1 s doubling to 30 s).
        Long restartInMs) implements EventPayload {
}
