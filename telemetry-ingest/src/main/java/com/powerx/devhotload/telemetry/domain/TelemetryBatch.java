package com.powerx.devhotload.telemetry.domain;

import java.util.List;

/** A parsed {@code POST /internal/dev/telemetry} body: the candidates, and what was already rejected by shape. */
public record TelemetryBatch(List<TelemetryEvent> candidates, List<RejectedEvent> rejected) {
}
