package com.powerx.devhotload.telemetry.repository;

/** Every Redis key of telemetry-ingest, in one place (prefix {@code ti:}). */
public final class RedisKeys {

    private RedisKeys() {
    }

    /** Event ids already applied (idempotent consumer). */
    public static String seen(String eventId) {
        return "ti:seen:" + eventId;
    }

    /** Hash of a session learned from lifecycle events: tenant, pluginId, developerId, ended, cliLastMs. */
    public static String session(String sessionId) {
        return "ti:session:" + sessionId;
    }

    /** SHA-256 of a live session's reload token → "sessionId\ntenant". */
    public static String token(String sha256) {
        return "ti:token:" + sha256;
    }

    /** Live sessions of a tenant (and of a tenant's plugin), for sessionsActive. */
    public static String live(String tenant) {
        return "ti:live:" + tenant;
    }

    public static String livePlugin(String tenant, String pluginId) {
        return "ti:live:" + tenant + ":p:" + pluginId;
    }

    /** Every live session, for the active-sessions gauge. */
    public static final String LIVE_ALL = "ti:live-all";

    /** Live sessions whose CLI has sent telemetry at least once: the only ones the telemetry-gap rule watches. */
    public static final String CLI_SESSIONS = "ti:cli-sessions";

    /** Plugins with oversize events in the window ("tenant\npluginId"), so the sweep can close passed windows. */
    public static final String OVERSIZE_PLUGINS = "ti:oversize-plugins";

    /** Reload-failure streak of a session (hash). */
    public static String streak(String sessionId) {
        return "ti:streak:" + sessionId;
    }

    /** Crashes of a session (zset: eventId → time ms). */
    public static String crashes(String sessionId) {
        return "ti:crashes:" + sessionId;
    }

    /** Oversize events of a plugin (zset: eventId → time ms). */
    public static String oversize(String tenant, String pluginId) {
        return "ti:oversize:" + tenant + ":" + pluginId;
    }

    public static String alert(String alertId) {
        return "ti:alert:" + alertId;
    }

    /** A tenant's alerts (zset: alertId → last change ms). */
    public static String alerts(String tenant) {
        return "ti:alerts:" + tenant;
    }

    /** The open alert of (rule, scope): scope is the session, or tenant/plugin for per-plugin rules. */
    public static String openAlert(String rule, String scope) {
        return "ti:open:" + rule + ":" + scope;
    }

    /** Scopes with an open alert of a rule (set). */
    public static String openScopes(String rule) {
        return "ti:open-scopes:" + rule;
    }

    /** Per-minute counters of a tenant's dimension ("*", "p:plugin", "s:session"). */
    public static String rollup(String tenant, String dimension, long minute) {
        return "ti:roll:" + tenant + ":" + dimension + ":" + minute;
    }

    /** Per-minute histogram (HdrHistogram, compressed) of a metric of a tenant's dimension. */
    public static String histogram(String tenant, String dimension, String metric, long minute) {
        return "ti:hist:" + tenant + ":" + dimension + ":" + metric + ":" + minute;
    }

    /** Present while Redis holds this service's state; its absence makes the consumer rebuild from the topics. */
    public static final String STATE_MARKER = "ti:state-marker";

    /** Held by the replica running the clock-driven sweep. */
    public static final String SWEEP_LOCK = "ti:sweep-lock";
}
