package com.powerx.devhotload.cli.telemetry;

import java.util.Map;

/** One CLI metric as telemetry-ingest takes it (CONTRACT §6). */
public record TelemetryEvent(String name, String timestamp, String sessionId, String pluginId, Double value,
                             Map<String, String> attributes) {

    public static final String BUILD_TIME = "dev.hotload.cli_build_time_ms";
    public static final String RELOAD_DURATION = "dev.hotload.cli_reload_duration_ms";
    public static final String ERROR = "dev.hotload.cli_error";
    public static final String SESSION_LIFETIME = "dev.hotload.cli_session_lifetime";
    public static final String BUNDLE_OVERSIZE = "dev.hotload.cli_bundle_oversize";
}
