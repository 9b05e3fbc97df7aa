package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.AllowedValues;
import com.powerx.devhotload.contracts.EventPayload;
import com.powerx.devhotload.contracts.Required;

import java.time.Instant;
import java.util.List;

/** {@code dev.session.reload.requested}: a reload to apply; {@code files} lists every file of the new version. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReloadRequested(
        @Required String sessionId,
        // Server-assigned, strictly increasing per session; the CLI's own number is clientSequence.
        @Required long sequence,
        @Required String reloadId,
        @Required @AllowedValues({"diff", "full", "rollback"}) String strategy,
        List<FileRef> files,
        List<String> changedFiles,
        String buildHash,
        Long clientSequence,
        @Required Instant requestedAt,
        // Who asked: the developer, or an admin re-applying the bundle (with the admin's reason).
        String requestedBy,
        String reason) implements EventPayload {
}
