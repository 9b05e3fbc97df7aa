package com.powerx.devhotload.telemetry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Limits of {@code POST /internal/dev/telemetry} and of the meters (env {@code PX_TELEMETRY_*}). */
@ConfigMapping(prefix = "px.telemetry")
public interface IntakeConfig {

    /** Events per batch; more is 413. */
    @WithDefault("1000")
    int maxEvents();

    /** Bytes per request body; more is 413. */
    @WithDefault("1048576")
    int maxBytes();

    /** Events older than this are rejected with {@code too_old}. */
    @WithDefault("24h")
    Duration maxAge();

    /** Events further in the future than this (clock skew) are rejected with {@code in_future}. */
    @WithDefault("5m")
    Duration maxFuture();

    /** Distinct plugin ids tagged on meters; the rest fold into {@code other}. */
    @WithDefault("100")
    int maxPluginTags();

    /** Distinct error codes tagged on the error counter; the rest fold into {@code other}. */
    @WithDefault("50")
    int maxErrorCodeTags();

    /** How long a reload-token request waits for a session registered a moment ago to be learned. */
    @WithDefault("2s")
    Duration sessionGrace();
}
