package com.powerx.devhotload.sandbox.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.sandbox.domain.LastReload;
import com.powerx.devhotload.sandbox.domain.Sandbox;

/** {@code GET /internal/dev/sandboxes/{sessionId}} (CONTRACT.md §4), plus {@code pid} and {@code lastError}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SandboxView(String sessionId, String pluginId, String runtime, String state, long sequence, String startedAt,
                          int reloads, int restarts, LastReloadView lastReload, Long rssBytes, Long pid, String lastError) {

    /** The latest reload's outcome. */
    public record LastReloadView(long sequence, String result, Long durationMs, JsonNode phases) {
    }

    static SandboxView of(Sandbox s, Long rssBytes, Long pid) {
        LastReload r = s.lastReload();
        return new SandboxView(s.sessionId(), s.pluginId(), s.runtime(), s.state().wire(), s.sequence(),
                s.startedAt() == null ? null : s.startedAt().toString(), s.reloads(), s.restarts(),
                r == null ? null : new LastReloadView(r.sequence(), r.result().wire(), r.durationMs(), r.phases()), rssBytes, pid,
                s.lastError());
    }
}
