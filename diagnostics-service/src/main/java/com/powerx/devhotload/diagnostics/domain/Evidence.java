package com.powerx.devhotload.diagnostics.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Everything collected for one report: the window's events (newest {@code maxLines} log lines at most), the session,
 * the telemetry figures, and how complete the evidence is.
 *
 * @param droppedLogLines log lines of the window left out by the cap
 * @param lagging         Kafka partitions the store had not caught up with (empty: complete)
 * @param fallbackEvents  events taken from stream-gateway's replay because the store was behind (0: not used)
 */
public record Evidence(
        List<EvidenceEvent> events,
        SessionInfo session,
        JsonNode telemetry,
        long droppedLogLines,
        List<String> lagging,
        int fallbackEvents) {
}
