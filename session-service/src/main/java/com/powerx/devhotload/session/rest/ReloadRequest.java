package com.powerx.devhotload.session.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.payload.BuildDiagnostic;
import com.powerx.devhotload.contracts.payload.FileRef;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /internal/dev/plugins/reload}. {@code changedFiles} holds strings or the Go CLI's
 * {@code {type, path, hash}} objects, so it stays raw JSON until {@link com.powerx.devhotload.session.domain.FileChanges} reads it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReloadRequest(
        String sessionId,
        String reloadToken,
        List<JsonNode> changedFiles,
        List<FileRef> files,
        Long sequence,
        String buildHash,
        Long durationMs,
        String strategy,
        List<BuildDiagnostic> diagnostics,
        Boolean success,
        JsonNode error,
        Map<String, Object> metadata) {
}
