package com.powerx.devhotload.diagnostics.repository;

import com.powerx.devhotload.diagnostics.domain.ReportTask;
import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;

/** A report row as read back: the task, and its result once ready (body and markdown only on single reads). */
public record StoredReport(ReportTask task, String fingerprint, String title, String summary, String failureReason, String body,
                           String markdown, Instant createdAt, Instant generatedAt, Long generationMs) {

    static StoredReport of(Row r) {
        return new StoredReport(ReportRepository.task(r), r.getString("fingerprint"), r.getString("title"), r.getString("summary"),
                r.getString("failure_reason"), r.getString("body"), r.getString("markdown"),
                Times.instant(r.getOffsetDateTime("created_at")), Times.instant(r.getOffsetDateTime("generated_at")),
                r.getLong("generation_ms"));
    }
}
