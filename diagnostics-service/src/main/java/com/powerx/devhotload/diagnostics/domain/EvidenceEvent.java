package com.powerx.devhotload.diagnostics.domain;

import java.time.Instant;

/**
 * One event of the loop as the evidence store keeps it, already masked. {@code source} and {@code sourceSeq} are the
 * Kafka topic and offset: the order its producer wrote it in, which the timeline trusts where clocks disagree.
 */
public record EvidenceEvent(
        Instant eventTime,
        String eventId,
        String tenantId,
        String pluginId,
        String sessionId,
        String traceId,
        String type,
        String source,
        long sourceSeq,
        String level,
        String message,
        String data) {
}
