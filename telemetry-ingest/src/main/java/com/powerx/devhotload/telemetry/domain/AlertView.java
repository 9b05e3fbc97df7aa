package com.powerx.devhotload.telemetry.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One alert as the alerts API shows it and as it is stored (CONTRACT.md §6 "Alert data"). Immutable: a repeat or
 * a resolution is a new value made by {@link #repeated} or {@link #resolved}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AlertView(String alertId, String rule, String severity, String status, String tenantId, String pluginId,
                        String sessionId, long count, Instant firstAt, Instant lastAt, Instant resolvedAt,
                        Window window, List<String> traceIds, String summary) {

    public static final String OPEN = "open";
    public static final String RESOLVED = "resolved";
    private static final int MAX_TRACE_IDS = 20;

    /** The time span of the evidence behind the alert: what diagnostics collects logs and events for. */
    public record Window(Instant from, Instant to) {
    }

    public static AlertView open(String alertId, AlertRule rule, String tenantId, String pluginId, String sessionId,
                                 Instant at, Window window, List<String> traceIds, String summary) {
        return new AlertView(alertId, rule.wire(), rule.severity(), OPEN, tenantId, pluginId, sessionId, 1, at, at, null,
                window, cap(traceIds), summary);
    }

    public boolean isOpen() {
        return OPEN.equals(status);
    }

    /** The condition held again: count raised, window and traces extended; never published again. */
    public AlertView repeated(Instant at, Instant windowTo, List<String> moreTraceIds, String newSummary) {
        List<String> traces = new ArrayList<>(traceIds == null ? List.of() : traceIds);
        for (String t : moreTraceIds) {
            if (!traces.contains(t)) {
                traces.add(t);
            }
        }
        Instant to = window == null || window.to() == null || windowTo.isAfter(window.to()) ? windowTo : window.to();
        return new AlertView(alertId, rule, severity, status, tenantId, pluginId, sessionId, count + 1, firstAt,
                at.isAfter(lastAt) ? at : lastAt, null, new Window(window == null ? at : window.from(), to), cap(traces),
                newSummary == null ? summary : newSummary);
    }

    public AlertView resolved(Instant at) {
        return new AlertView(alertId, rule, severity, RESOLVED, tenantId, pluginId, sessionId, count, firstAt, lastAt, at,
                window, traceIds, summary);
    }

    private static List<String> cap(List<String> traces) {
        List<String> list = traces == null ? List.of() : traces;
        return List.copyOf(list.size() <= MAX_TRACE_IDS ? list : list.subList(list.size() - MAX_TRACE_IDS, list.size()));
    }
}
