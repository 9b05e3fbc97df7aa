package com.powerx.devhotload.session.rest;

import com.powerx.devhotload.session.config.DevApiConfig;
import com.powerx.devhotload.session.domain.Session;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shape of a session in every read (CONTRACT.md §3); never contains the reload token or its hash. */
final class SessionView {

    private SessionView() {
    }

    static Map<String, Object> of(Session s, DevApiConfig config) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("sessionId", s.id().toString());
        v.put("pluginId", s.pluginId());
        v.put("tenant", s.tenantId());
        v.put("developerId", s.developerId());
        v.put("version", s.version());
        v.put("runtime", s.runtime());
        v.put("status", s.status());
        Map<String, Object> sandbox = new LinkedHashMap<>();
        sandbox.put("state", s.sandboxState());
        sandbox.put("lastError", s.sandboxLastError());
        v.put("sandbox", sandbox);
        if (s.lastReloadSequence() != null) {
            Map<String, Object> last = new LinkedHashMap<>();
            last.put("sequence", s.lastReloadSequence());
            last.put("result", s.lastReloadResult());
            last.put("durationMs", s.lastReloadMs());
            last.put("at", s.lastReloadAt());
            v.put("lastReload", last);
        } else {
            v.put("lastReload", null);
        }
        v.put("createdAt", s.createdAt());
        v.put("expiresAt", s.expiresAt());
        v.put("endedAt", s.endedAt());
        v.put("terminationNote", s.terminationNote());
        v.put("streamUrl", streamUrl(s, config));
        v.put("logUrl", logUrl(s, config));
        return v;
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
