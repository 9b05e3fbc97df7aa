package com.powerx.devhotload.telemetry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Thresholds of the alert rules of CONTRACT.md §6 (env {@code PX_ALERT_*}). */
@ConfigMapping(prefix = "px.alert")
public interface AlertConfig {

    /** Consecutive failed reloads of one session that open {@code reload-failure-streak}. */
    @WithDefault("5")
    int reloadFailureStreak();

    /** Crashes of one session within {@link #crashLoopWindow()} that open {@code sandbox-crash-loop}. */
    @WithDefault("3")
    int crashLoopCount();

    @WithDefault("5m")
    Duration crashLoopWindow();

    /** {@code bundle-oversize} opens when a plugin has MORE than this many oversize events in the window. */
    @WithDefault("3")
    int bundleOversizeCount();

    @WithDefault("24h")
    Duration bundleOversizeWindow();

    /** Silence of a session's CLI (after its first telemetry) that opens {@code telemetry-gap}. */
    @WithDefault("5m")
    Duration telemetryGap();

    /** How often the clock-driven checks (telemetry gap, windows that pass) run. */
    @WithDefault("15s")
    Duration sweepEvery();

    /** How long alerts stay readable through the alerts API after their last change. */
    @WithDefault("7d")
    Duration retention();
}
