package com.powerx.devhotload.cli.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Records CLI metrics into append-only files under {@code ~/.powerx/telemetry/}; {@link TelemetryFlusher} sends them.
 * Disabled ({@code --no-telemetry}) it records nothing at all.
 */
public final class Telemetry {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Clock clock;
    private final boolean enabled;

    public Telemetry(Path dir, Clock clock, boolean enabled) {
        // One file per process: appends never interleave with another CLI's, and flushing claims whole files.
        this.file = dir.resolve("pending-" + clock.millis() + "-" + ProcessHandle.current().pid() + ".ndjson");
        this.clock = clock;
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    public void record(String name, String sessionId, String pluginId, Number value, Map<String, String> attributes) {
        if (!enabled) {
            return;
        }
        TelemetryEvent event = new TelemetryEvent(name, clock.instant().toString(), sessionId, pluginId,
                value == null ? null : value.doubleValue(), attributes == null || attributes.isEmpty() ? null : attributes);
        append(event);
    }

    public void error(String errorCode, String sessionId, String pluginId) {
        record(TelemetryEvent.ERROR, sessionId, pluginId, 1, Map.of("errorCode", errorCode == null ? "UNKNOWN" : errorCode));
    }

    private synchronized void append(TelemetryEvent event) {
        try {
            byte[] line = (JSON.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
            com.powerx.devhotload.cli.config.PxHome.appendPrivate(file, line);
        } catch (IOException e) {
            // Telemetry must never break the developer's loop; a lost metric is acceptable, a failed reload is not.
        }
    }
}
