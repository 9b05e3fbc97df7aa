package com.powerx.devhotload.telemetry.domain;

/** Whom an event is about: tenant, plugin (may be "unknown") and session (null for plugin-wide telemetry). */
public record Subject(String tenant, String pluginId, String sessionId) {

    public static final String UNKNOWN_PLUGIN = "unknown";

    public Subject {
        pluginId = pluginId == null || pluginId.isBlank() ? UNKNOWN_PLUGIN : pluginId;
    }

    /** The scope of per-plugin rules (bundle-oversize). */
    public String pluginScope() {
        return tenant + "/" + pluginId;
    }
}
