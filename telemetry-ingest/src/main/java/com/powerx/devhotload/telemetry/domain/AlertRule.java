package com.powerx.devhotload.telemetry.domain;

/** The four alert rules of CONTRACT.md §6, with the severity each one raises. */
public enum AlertRule {
    RELOAD_FAILURE_STREAK("reload-failure-streak", "critical"),
    SANDBOX_CRASH_LOOP("sandbox-crash-loop", "critical"),
    BUNDLE_OVERSIZE("bundle-oversize", "warning"),
    TELEMETRY_GAP("telemetry-gap", "info");

    private final String wire;
    private final String severity;

    AlertRule(String wire, String severity) {
        this.wire = wire;
        this.severity = severity;
    }

    public String wire() {
        return wire;
    }

    public String severity() {
        return severity;
    }
}
