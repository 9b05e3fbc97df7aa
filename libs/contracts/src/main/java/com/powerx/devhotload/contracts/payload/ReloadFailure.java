package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.EventPayload;
import com.powerx.devhotload.contracts.Required;

import java.util.List;

/** {@code dev.session.reload.failed} and {@code dev.session.rolled-back}: a reload that did not take effect. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReloadFailure(
        @Required long sequence,
        @Required ReloadError error,
        Long durationMs,
        // The version serving again after a rollback; absent when there was nothing to restore.
        Long restoredSequence,
        List<Long> supersededSequences) implements EventPayload {
}
