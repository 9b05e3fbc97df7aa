package com.powerx.devhotload.diagnostics.service;

import com.powerx.devhotload.diagnostics.domain.RegressionRun;
import com.powerx.devhotload.diagnostics.domain.ReportStatus;
import com.powerx.devhotload.diagnostics.repository.RegressionRepository;
import com.powerx.devhotload.diagnostics.repository.ReportRepository;
import com.powerx.devhotload.diagnostics.service.CallerScope.Scope;
import com.powerx.devhotload.platform.api.ApiException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.UUID;

/** Starting and reading regression runs, within the caller's scope (the run itself: {@link RegressionExecution}). */
@ApplicationScoped
public class RegressionRuns {

    private final Pool pool;
    private final ReportRepository reports;
    private final RegressionRepository runs;
    private final RegressionWorker worker;

    public RegressionRuns(Pool pool, ReportRepository reports, RegressionRepository runs, RegressionWorker worker) {
        this.pool = pool;
        this.reports = reports;
        this.runs = runs;
        this.worker = worker;
    }

    /** A new run of a ready report's reproduction; 404 for a report the caller cannot see, 409 if it is not ready. */
    @WithSpan
    public Uni<UUID> start(Scope scope, UUID reportId) {
        UUID runId = UUID.randomUUID();
        return pool.withTransaction(tx -> reports.find(tx, reportId).flatMap(r -> {
            if (r == null || !scope.sees(r.task().tenantId(), r.task().sessionId())) {
                throw ApiException.notFound("report " + reportId);
            }
            if (r.task().status() != ReportStatus.READY) {
                throw ApiException.conflict("REPORT_NOT_READY", "report " + reportId + " is " + r.task().status().wire()
                        + ": a regression run replays a ready report's reproduction", Map.of("status", r.task().status().wire()));
            }
            return runs.create(tx, runId, reportId, r.task().tenantId());
        })).invoke(v -> worker.nudge()).replaceWith(runId);
    }

    @WithSpan
    public Uni<RegressionRun> get(Scope scope, UUID runId) {
        return runs.find(pool, runId).flatMap(run -> run == null ? Uni.createFrom().nullItem()
                        : reports.find(pool, run.reportId()).map(r -> r != null && scope.sees(r.task().tenantId(), r.task().sessionId()) ? run : null))
                .map(run -> {
                    if (run == null) {
                        throw ApiException.notFound("regression run " + runId);
                    }
                    return run;
                });
    }
}
