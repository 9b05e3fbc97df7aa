package com.powerx.devhotload.cli.config;

import java.util.Map;

/** What the session cache keeps about the developer's current session, enough to stop, resume or follow it. */
public record DevSession(String sessionId, String reloadToken, String pluginId, String tenantId, String api,
                         String adminUrl, String logUrl, String entryDir, String createdAt, String lastEventId,
                         Map<String, String> files) {

    public DevSession withToken(String token) {
        return new DevSession(sessionId, token, pluginId, tenantId, api, adminUrl, logUrl, entryDir, createdAt, lastEventId, files);
    }

    public DevSession withTenant(String tenant) {
        return new DevSession(sessionId, reloadToken, pluginId, tenant, api, adminUrl, logUrl, entryDir, createdAt, lastEventId, files);
    }

    public DevSession withLastEventId(String id) {
        return new DevSession(sessionId, reloadToken, pluginId, tenantId, api, adminUrl, logUrl, entryDir, createdAt, id, files);
    }

    /** The bundle last sent (path → sha256), so a resumed session reloads only if the files changed meanwhile. */
    public DevSession withFiles(Map<String, String> bundle) {
        return new DevSession(sessionId, reloadToken, pluginId, tenantId, api, adminUrl, logUrl, entryDir, createdAt, lastEventId, bundle);
    }
}
