package com.powerx.devhotload.contracts.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.powerx.devhotload.contracts.AllowedValues;
import com.powerx.devhotload.contracts.EventPayload;
import com.powerx.devhotload.contracts.Required;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code dev.session.registered}: a new session; carries the SHA-256 of its reload token, never the token itself. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionRegistered(
        @Required String sessionId,
        @Required String tenantId,
        @Required String developerId,
        @Required String pluginId,
        String version,
        @Required @AllowedValues({"node", "python", "external"}) String runtime,
        String entry,
        List<FileRef> files,
        String buildHash,
        String sandboxEndpoint,
        // Hex SHA-256 of the reload token: stream-gateway authenticates CLI streams with it (event-carried state).
        @Required String reloadTokenSha256,
        @Required Instant expiresAt,
        List<String> missingBlobs,
        // pending, or active at once for an external session without a sandbox endpoint (CONTRACT.md §3).
        @AllowedValues({"pending", "active", "terminated", "expired"}) String status,
        // The manifest's env map: the plugin's whole environment besides PATH, HOME, LANG and TZ (CONTRACT.md §4).
        Map<String, String> env) implements EventPayload {

    /** A registration without a declared environment (most producers: PowerX's CLIs declare none). */
    public SessionRegistered(String sessionId, String tenantId, String developerId, String pluginId, String version, String runtime,
                             String entry, List<FileRef> files, String buildHash, String sandboxEndpoint, String reloadTokenSha256,
                             Instant expiresAt, List<String> missingBlobs, String status) {
        this(sessionId, tenantId, developerId, pluginId, version, runtime, entry, files, buildHash, sandboxEndpoint, reloadTokenSha256,
                expiresAt, missingBlobs, status, null);
    }
}
