package com.powerx.devhotload.telemetry.domain;

import java.util.Map;

/** {@code GET /api/telemetry/summary} data (CONTRACT.md §6). Percentiles are null when there is no sample. */
public record Summary(String window, long sessionsActive, Reloads reloads, CliBuild cliBuild, Map<String, Long> errorsByCode) {

    public record Reloads(long count, long failed, Double p50Ms, Double p95Ms, Double p99Ms) {
    }

    public record CliBuild(long count, Double p50Ms, Double p95Ms) {
    }
}
