package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.AllowedValues;
import com.powerx.devhotload.contracts.EventPayload;
import com.powerx.devhotload.contracts.Required;

import java.time.Instant;
import java.util.List;

/** {@code dev.session.updated}: a session's state changed (files complete, active, new expiry, token resumed). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionUpdated(
        @Required String sessionId,
        @Required @AllowedValues({"pending", "active", "terminated", "expired"}) String status,
        // waiting-for-files | starting | ready | reloading | failed | crashed | stopped (CONTRACT.md §3)
        String sandboxState,
        List<String> missingBlobs,
        List<FileRef> files,
        Instant expiresAt,
        // Set when /resume issued a new reload token: the gateway must stop accepting the old one.
        String reloadTokenSha256,
        String lastError,
        // What changed, e.g. files-complete, activated, heartbeat, resumed.
        String reason) implements EventPayload {
}
