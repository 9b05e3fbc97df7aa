package com.powerx.devhotload.diagnostics.service;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.ReportFailed;
import com.powerx.devhotload.contracts.payload.ReportReady;
import com.powerx.devhotload.diagnostics.domain.ReportTask;
import com.powerx.devhotload.diagnostics.repository.ReportOutput;
import com.powerx.devhotload.diagnostics.repository.ReportRepository;
import com.powerx.devhotload.platform.outbox.Outbox;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A task's end: the stored result and its {@code plugin.debug.report.*} event in one transaction (platform outbox),
 * fenced by the lease — a worker that lost its task to another instance stores and publishes nothing.
 */
@ApplicationScoped
public class ReportPublisher {

    private final TransactionalOutbox outbox;
    private final ReportRepository reports;

    public ReportPublisher(TransactionalOutbox outbox, ReportRepository reports) {
        this.outbox = outbox;
        this.reports = reports;
    }

    public Uni<Boolean> ready(ReportTask task, String owner, ReportOutput out) {
        ReportReady payload = new ReportReady(task.reportId().toString(), task.pluginId(), task.sessionId(), out.fingerprint(),
                task.severity(), out.title(), out.summary(), "/internal/debug/report/" + task.reportId(), task.alertId(), out.reloadSequence(), out.buildHash());
        return outbox.inTransaction(tx -> reports.ready(tx, task.reportId(), owner, out).flatMap(stored -> stored
                ? Outbox.append(tx, event(task, EventTypes.REPORT_READY, payload)).replaceWith(true)
                : Uni.createFrom().item(false)));
    }

    public Uni<Boolean> failed(ReportTask task, String owner, String reason) {
        ReportFailed payload = new ReportFailed(task.reportId().toString(), reason, task.pluginId(), task.sessionId());
        return outbox.inTransaction(tx -> reports.failed(tx, task.reportId(), owner, reason).flatMap(stored -> stored
                ? Outbox.append(tx, event(task, EventTypes.REPORT_FAILED, payload)).replaceWith(true)
                : Uni.createFrom().item(false)));
    }

    private static CloudEvent event(ReportTask task, String type, Object payload) {
        return CloudEvent.create(EventSources.DIAGNOSTICS_SERVICE, type, task.reportId().toString(), task.tenantId(), task.pluginId(),
                task.sessionId(), payload);
    }
}
