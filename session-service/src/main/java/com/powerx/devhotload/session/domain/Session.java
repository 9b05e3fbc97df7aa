package com.powerx.devhotload.session.domain;

import com.powerx.devhotload.contracts.payload.FileRef;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A plugin development session: one developer, one plugin, one sandbox, many reloads. */
public record Session(
        UUID id,
        String tenantId,
        String developerId,
        String pluginId,
        String version,
        String runtime,
        String entry,
        String status,
        String sandboxState,
        String sandboxLastError,
        byte[] reloadTokenHash,
        List<FileRef> files,
        List<FileRef> goodFiles,
        String buildHash,
        String sandboxEndpoint,
        String cliVersion,
        Map<String, Object> metadata,
        long lastSequence,
        int reloadCount,
        Long lastReloadSequence,
        String lastReloadResult,
        Long lastReloadMs,
        Instant lastReloadAt,
        Instant createdAt,
        Instant expiresAt,
        Instant endedAt,
        String terminationNote) {

    public boolean isLive() {
        return SessionStatus.isLive(status);
    }
}
