package com.powerx.devhotload.telemetry.domain;

import com.powerx.devhotload.contracts.EventTypes;

import java.util.Optional;

/** The telemetry names of CONTRACT.md §6: five known ones, any other {@code dev.hotload.*} a custom counter. */
public enum TelemetryName {
    BUILD_TIME("dev.hotload.cli_build_time_ms", true),
    RELOAD_DURATION("dev.hotload.cli_reload_duration_ms", true),
    ERROR("dev.hotload.cli_error", false),
    SESSION_LIFETIME("dev.hotload.cli_session_lifetime", true),
    BUNDLE_OVERSIZE("dev.hotload.cli_bundle_oversize", false),
    CUSTOM(null, false);

    private static final String NAMESPACE = "dev.hotload.";

    private final String wire;
    private final boolean needsValue;

    TelemetryName(String wire, boolean needsValue) {
        this.wire = wire;
        this.needsValue = needsValue;
    }

    /** A measurement (duration, lifetime) is meaningless without a value; counters default to 1. */
    public boolean needsValue() {
        return needsValue;
    }

    /** The kind of {@code name}, or empty when it is not a telemetry name (rejected as {@code unknown_name}). */
    public static Optional<TelemetryName> of(String name) {
        if (name == null || !name.startsWith(NAMESPACE) || name.length() > 200) {
            return Optional.empty();
        }
        for (TelemetryName known : values()) {
            if (name.equals(known.wire)) {
                return Optional.of(known);
            }
        }
        try {
            EventTypes.cliMetric(name);
            return Optional.of(CUSTOM);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The kind of a {@code dev.hotload.cli.<metric>} event type (as published by the intake). */
    public static Optional<TelemetryName> ofEventType(String type) {
        if (!EventTypes.isCliMetric(type)) {
            return Optional.empty();
        }
        return of(NAMESPACE + type.substring(EventTypes.CLI_METRIC_PREFIX.length()));
    }
}
