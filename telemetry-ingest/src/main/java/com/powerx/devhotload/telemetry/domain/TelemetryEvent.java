package com.powerx.devhotload.telemetry.domain;

import java.time.Instant;
import java.util.Map;

/** One telemetry event of a batch that passed the checks that need no session lookup. */
public record TelemetryEvent(int index, String name, TelemetryName kind, Instant timestamp, String sessionId,
                             String pluginId, double value, Map<String, String> attributes) {

    public TelemetryEvent forSession(String session, String plugin) {
        return new TelemetryEvent(index, name, kind, timestamp, session, plugin, value, attributes);
    }
}
