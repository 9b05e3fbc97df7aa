package com.powerx.devhotload.telemetry.service;

import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.telemetry.domain.LatencyHistogram;
import com.powerx.devhotload.telemetry.domain.Summary;
import com.powerx.devhotload.telemetry.repository.RollupRepository;
import com.powerx.devhotload.telemetry.repository.RollupRepository.Merged;
import com.powerx.devhotload.telemetry.repository.SessionDirectory;
import com.powerx.devhotload.telemetry.repository.SessionDirectory.KnownSession;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Answers the summary for a tenant over 15m, 1h or 24h by merging the per-minute rollups of the window. */
@ApplicationScoped
public class TelemetrySummary {

    private static final Map<String, Duration> WINDOWS = Map.of("15m", Duration.ofMinutes(15), "1h", Duration.ofHours(1),
            "24h", Duration.ofHours(24));

    private final RollupRepository rollups;
    private final SessionDirectory sessions;

    public TelemetrySummary(RollupRepository rollups, SessionDirectory sessions) {
        this.rollups = rollups;
        this.sessions = sessions;
    }

    @WithSpan("TelemetrySummary.summary")
    public Summary summary(String tenant, String window, String pluginId, String sessionId, Instant now) {
        Duration length = windowLength(window);
        long to = Rollups.minuteOf(now);
        long from = to - length.toMinutes() + 1;
        Merged m = rollups.merge(tenant, dimension(pluginId, sessionId), from, to, List.of(Rollups.RELOAD_MS, Rollups.BUILD_MS));
        LatencyHistogram reload = m.histograms().get(Rollups.RELOAD_MS);
        LatencyHistogram build = m.histograms().get(Rollups.BUILD_MS);
        return new Summary(window, sessionsActive(tenant, pluginId, sessionId),
                new Summary.Reloads(m.counters().getOrDefault(Rollups.RELOADS, 0L), m.counters().getOrDefault(Rollups.FAILED, 0L),
                        reload.percentileMillis(50), reload.percentileMillis(95), reload.percentileMillis(99)),
                new Summary.CliBuild(m.counters().getOrDefault(Rollups.BUILDS, 0L), build.percentileMillis(50), build.percentileMillis(95)),
                errors(m.counters()));
    }

    private static Duration windowLength(String window) {
        Duration length = window == null ? WINDOWS.get("1h") : WINDOWS.get(window);
        if (length == null) {
            throw ApiException.invalid("window", "must be 15m, 1h or 24h");
        }
        return length;
    }

    private static String dimension(String pluginId, String sessionId) {
        if (sessionId != null) {
            return "s:" + sessionId;
        }
        return pluginId != null ? "p:" + pluginId : "*";
    }

    private long sessionsActive(String tenant, String pluginId, String sessionId) {
        if (sessionId == null) {
            return sessions.countLive(tenant, pluginId);
        }
        KnownSession s = sessions.find(sessionId);
        boolean live = s != null && !s.ended() && s.tenant().equals(tenant) && (pluginId == null || pluginId.equals(s.pluginId()));
        return live ? 1 : 0;
    }

    private static Map<String, Long> errors(Map<String, Long> counters) {
        Map<String, Long> byCode = new TreeMap<>();
        counters.forEach((field, n) -> {
            if (field.startsWith(Rollups.ERROR_PREFIX)) {
                byCode.put(field.substring(Rollups.ERROR_PREFIX.length()), n);
            }
        });
        return byCode;
    }
}
