package com.powerx.devhotload.session.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.powerx.devhotload.contracts.payload.FileRef;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /internal/dev/plugins/register} in all three accepted forms: ours, the TypeScript
 * SessionClient's {@code {manifest:{id,version}, tenant}} and the Go CLI's {@code {pluginId, version, entryPath, ...}}.
 * {@code tenant}/{@code tenantId}/{@code developerId} are accepted for compatibility but never trusted: identity
 * comes from the credentials.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegisterRequest(
        String pluginId,
        Manifest manifest,
        String version,
        String runtime,
        List<String> entryPoints,
        String entryPath,
        List<FileRef> files,
        String buildHash,
        String sandboxEndpoint,
        String cliVersion,
        String traceId,
        Map<String, Object> metadata,
        Integer watchFileLimit,
        Boolean takeover,
        String tenant,
        String tenantId,
        String developerId,
        List<String> capabilities) {

    /** The plugin manifest as the CLIs send it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Manifest(String id, String name, String version, String runtime, String entry, Map<String, Object> env) {
        /** Stands in for an absent manifest, so every field reads as "not given". */
        public static final Manifest NONE = new Manifest(null, null, null, null, null, null);
    }
}
