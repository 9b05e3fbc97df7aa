package com.powerx.devhotload.telemetry.service;

import com.powerx.devhotload.telemetry.domain.Subject;
import com.powerx.devhotload.telemetry.repository.RollupRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writes the per-minute rollups behind {@code GET /api/telemetry/summary}: tenant-wide, per plugin and per session. */
@ApplicationScoped
public class Rollups {

    public static final String RELOAD_MS = "reload";
    public static final String BUILD_MS = "build";
    public static final String RELOADS = "reloads";
    public static final String FAILED = "failed";
    public static final String BUILDS = "builds";
    public static final String ERROR_PREFIX = "err:";

    private final RollupRepository rollups;

    public Rollups(RollupRepository rollups) {
        this.rollups = rollups;
    }

    public static long minuteOf(Instant at) {
        return at.getEpochSecond() / 60;
    }

    /** A reload outcome reported by the sandbox. */
    public void reload(Subject s, Instant at, boolean failed, Long durationMs, Effects fx) {
        long minute = minuteOf(at);
        for (String dim : dimensions(s)) {
            fx.write(rollups.count(s.tenant(), dim, minute, RELOADS, 1));
            if (failed) {
                fx.write(rollups.count(s.tenant(), dim, minute, FAILED, 1));
            }
            if (durationMs != null) {
                fx.write(rollups.record(s.tenant(), dim, minute, RELOAD_MS, durationMs));
            }
        }
    }

    /** A CLI build time. */
    public void build(Subject s, Instant at, double millis, Effects fx) {
        long minute = minuteOf(at);
        for (String dim : dimensions(s)) {
            fx.write(rollups.count(s.tenant(), dim, minute, BUILDS, 1));
            fx.write(rollups.record(s.tenant(), dim, minute, BUILD_MS, millis));
        }
    }

    /** A CLI error, by its code. */
    public void error(Subject s, Instant at, String errorCode, Effects fx) {
        long minute = minuteOf(at);
        for (String dim : dimensions(s)) {
            fx.write(rollups.count(s.tenant(), dim, minute, ERROR_PREFIX + errorCode, 1));
        }
    }

    static List<String> dimensions(Subject s) {
        List<String> dims = new ArrayList<>(List.of("*", "p:" + s.pluginId()));
        if (s.sessionId() != null) {
            dims.add("s:" + s.sessionId());
        }
        return dims;
    }
}
