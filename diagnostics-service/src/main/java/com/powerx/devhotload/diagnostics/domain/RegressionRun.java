package com.powerx.devhotload.diagnostics.domain;

import java.time.Instant;
import java.util.UUID;

/** A replay of a report's reproduction against current code: running, then passed or failed with details. */
public record RegressionRun(UUID runId, UUID reportId, String tenantId, String sessionId, String status, String details,
                            int attempts, Instant createdAt, Instant finishedAt) {
}
