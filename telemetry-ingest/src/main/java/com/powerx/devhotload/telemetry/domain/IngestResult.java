package com.powerx.devhotload.telemetry.domain;

import java.util.List;

/** What became of a batch: how many events are now on Kafka, and why the others were not accepted. */
public record IngestResult(int accepted, List<RejectedEvent> rejected) {
}
