package com.powerx.devhotload.diagnostics.service;

import com.powerx.devhotload.diagnostics.domain.CreateReport;
import com.powerx.devhotload.diagnostics.domain.ReportStatus;
import com.powerx.devhotload.diagnostics.repository.ReportRepository;
import com.powerx.devhotload.diagnostics.repository.StoredReport;
import com.powerx.devhotload.diagnostics.service.CallerScope.Scope;
import com.powerx.devhotload.platform.api.ApiException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Report requests and reads, within the caller's scope. */
@ApplicationScoped
public class Reports {

    private final Pool pool;
    private final ReportRepository reports;
    private final ReportWorker worker;

    public Reports(Pool pool, ReportRepository reports, ReportWorker worker) {
        this.pool = pool;
        this.reports = reports;
        this.worker = worker;
    }

    /** The new (or, for an alert that has one, the existing) report's id; the worker is woken at once. */
    @WithSpan
    public Uni<UUID> request(CreateReport command) {
        return pool.withTransaction(tx -> reports.create(tx, command)).invoke(id -> worker.nudge());
    }

    @WithSpan
    public Uni<StoredReport> get(Scope scope, UUID id) {
        return reports.find(pool, id).map(r -> {
            if (r == null || !scope.sees(r.task().tenantId(), r.task().sessionId())) {
                throw ApiException.notFound("report " + id);
            }
            return r;
        });
    }

    @WithSpan
    public Uni<byte[]> bundle(Scope scope, UUID id) {
        return get(scope, id).flatMap(r -> {
            if (r.task().status() != ReportStatus.READY) {
                throw ApiException.conflict("REPORT_NOT_READY", "report " + id + " is " + r.task().status().wire() + ", not ready",
                        Map.of("status", r.task().status().wire()));
            }
            return reports.bundle(pool, id);
        });
    }

    @WithSpan
    public Uni<List<StoredReport>> list(Scope scope, String pluginId, String sessionId, String status, int limit) {
        if (scope.sessionId() != null && sessionId != null && !scope.sessionId().equals(sessionId)) {
            return Uni.createFrom().item(List.of());
        }
        String session = scope.sessionId() != null ? scope.sessionId() : sessionId;
        return reports.list(pool, scope.tenantId(), pluginId, session, status, limit);
    }
}
