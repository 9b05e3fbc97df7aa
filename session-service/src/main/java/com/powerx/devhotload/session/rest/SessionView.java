package com.powerx.devhotload.session.rest;

import com.powerx.devhotload.contracts.state.SandboxState;
import com.powerx.devhotload.contracts.state.SessionStatus;
import com.powerx.devhotload.session.config.DevApiConfig;
import com.powerx.devhotload.session.domain.Session;

import java.time.Instant;

/** The JSON shape of a session in every read (CONTRACT.md §3); never contains the reload token or its hash. */
public record SessionView(String sessionId, String pluginId, String tenant, String developerId, String version, String runtime,
                          SessionStatus status, Sandbox sandbox, LastReload lastReload, Instant createdAt, Instant expiresAt,
                          Instant endedAt, String terminationNote, String streamUrl, String logUrl) {

    /** {@code sandbox}: the orchestrator's last report. */
    public record Sandbox(SandboxState state, String lastError) {
    }

    /** {@code lastReload}: the newest reload the sandbox has reported on; null before the first. */
    public record LastReload(long sequence, String result, Long durationMs, Instant at) {
    }

    static SessionView of(Session s, DevApiConfig config) {
        LastReload last = s.lastReloadSequence() == null ? null
                : new LastReload(s.lastReloadSequence(), s.lastReloadResult(), s.lastReloadMs(), s.lastReloadAt());
        return new SessionView(s.id().toString(), s.pluginId(), s.tenantId(), s.developerId(), s.version(), s.runtime(), s.status(),
                new Sandbox(s.sandboxState(), s.sandboxLastError()), last, s.createdAt(), s.expiresAt(), s.endedAt(),
                s.terminationNote(), streamUrl(s, config), logUrl(s, config));
    }

    static String streamUrl(Session s, DevApiConfig config) {
        return config.streamUrl() + "/internal/dev/plugins/stream?sessionId=" + s.id();
    }

    static String logUrl(Session s, DevApiConfig config) {
        return config.streamUrl() + "/api/v1/dev/" + s.id() + "/logs";
    }

    static String adminUrl(Session s, DevApiConfig config) {
        return config.adminUrl() + "/" + s.id();
    }
}
