package com.powerx.devhotload.diagnostics.domain;

import java.time.Instant;

/** What diagnostics learned of a session from its lifecycle events. */
public record SessionInfo(
        String sessionId,
        String tenantId,
        String pluginId,
        String developerId,
        String tokenSha256,
        String runtime,
        String version,
        String buildHash,
        String status,
        Instant registeredAt) {

    public boolean ended() {
        return "terminated".equals(status) || "expired".equals(status);
    }
}
