package com.powerx.devhotload.diagnostics.repository;

import com.powerx.devhotload.diagnostics.domain.CreateReport;
import com.powerx.devhotload.diagnostics.domain.ReportStatus;
import com.powerx.devhotload.diagnostics.domain.ReportTask;
import com.powerx.devhotload.diagnostics.domain.ReportWindow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Report tasks and their results. Work is handed out by lease ({@link #claim}): a task whose lease ran out — its
 * worker was killed — is claimed again, and an instance restarted under the same name takes its own tasks back at once.
 */
@ApplicationScoped
public class ReportRepository {

    static final String TASK_COLUMNS = "report_id, tenant_id, alert_id, plugin_id, session_id, trace_id, severity, notes, "
            + "window_from, window_to, status, attempts";

    /** The new report's id, or the existing one's when the alert already has a report. */
    public Uni<UUID> create(SqlClient tx, CreateReport r) {
        UUID id = UUID.randomUUID();
        return tx.preparedQuery("INSERT INTO report (report_id, tenant_id, alert_id, plugin_id, session_id, trace_id, severity, notes, "
                        + "window_from, window_to, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending') "
                        + "ON CONFLICT (tenant_id, alert_id) WHERE alert_id IS NOT NULL DO NOTHING RETURNING report_id")
                .execute(Tuple.from(new Object[] {id, r.tenantId(), r.alertId(), r.pluginId(), r.sessionId(), r.traceId(),
                        r.severity(), r.notes(), Times.utc(r.window().from()), Times.utc(r.window().to())}))
                .flatMap(rows -> rows.size() > 0 ? Uni.createFrom().item(id) : byAlert(tx, r.tenantId(), r.alertId()));
    }

    private Uni<UUID> byAlert(SqlClient c, String tenant, String alertId) {
        return c.preparedQuery("SELECT report_id FROM report WHERE tenant_id = $1 AND alert_id = $2").execute(Tuple.of(tenant, alertId))
                .map(rows -> rows.iterator().next().getUUID(0));
    }

    /** Up to {@code limit} due tasks for this instance, leased to it; {@code running} are its tasks already in hand. */
    public Uni<List<ReportTask>> claim(SqlClient c, String owner, Duration lease, List<UUID> running, int limit) {
        return c.preparedQuery("UPDATE report SET lease_owner = $1, lease_expires_at = now() + make_interval(secs => $2), "
                        + "attempts = attempts + 1, updated_at = now() WHERE report_id IN (SELECT report_id FROM report "
                        + "WHERE status IN ('pending', 'collecting', 'masking') AND next_attempt_at <= now() "
                        + "AND (lease_owner IS NULL OR lease_expires_at < now() OR (lease_owner = $1 AND NOT report_id = ANY($3))) "
                        + "ORDER BY created_at LIMIT $4 FOR UPDATE SKIP LOCKED) RETURNING " + TASK_COLUMNS)
                .execute(Tuple.of(owner, (double) lease.toMillis() / 1000, running.toArray(UUID[]::new), limit))
                .map(ReportRepository::tasks);
    }

    /** Moves a held task on; false when the lease is no longer this instance's (another took the task over). */
    public Uni<Boolean> advance(SqlClient c, UUID id, String owner, ReportStatus status) {
        return c.preparedQuery("UPDATE report SET status = $3, updated_at = now() WHERE report_id = $1 AND lease_owner = $2")
                .execute(Tuple.of(id, owner, status.wire())).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> ready(SqlClient tx, UUID id, String owner, ReportOutput out) {
        return tx.preparedQuery("UPDATE report SET status = 'ready', fingerprint = $3, title = $4, summary = $5, body = $6, markdown = $7, "
                        + "bundle = $8, generated_at = now(), generation_ms = $9, lease_owner = NULL, lease_expires_at = NULL, "
                        + "failure_reason = NULL, updated_at = now() WHERE report_id = $1 AND lease_owner = $2")
                .execute(Tuple.from(new Object[] {id, owner, out.fingerprint(), out.title(), out.summary(), out.json(), out.markdown(),
                        io.vertx.core.buffer.Buffer.buffer(out.bundle()), out.generationMs()}))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> failed(SqlClient tx, UUID id, String owner, String reason) {
        return tx.preparedQuery("UPDATE report SET status = 'failed', failure_reason = $3, body = NULL, markdown = NULL, bundle = NULL, "
                        + "lease_owner = NULL, lease_expires_at = NULL, generated_at = now(), updated_at = now() "
                        + "WHERE report_id = $1 AND lease_owner = $2")
                .execute(Tuple.of(id, owner, reason)).map(rows -> rows.rowCount() == 1);
    }

    /** A transient failure: the task goes back to the queue after {@code delay}, keeping the state it reached. */
    public Uni<Void> retryLater(SqlClient c, UUID id, String owner, Duration delay, String reason) {
        return c.preparedQuery("UPDATE report SET lease_owner = NULL, lease_expires_at = NULL, failure_reason = $4, "
                        + "next_attempt_at = now() + make_interval(secs => $3), updated_at = now() WHERE report_id = $1 AND lease_owner = $2")
                .execute(Tuple.of(id, owner, (double) delay.toMillis() / 1000, reason)).replaceWithVoid();
    }

    public Uni<Void> renew(SqlClient c, String owner, Duration lease, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("UPDATE report SET lease_expires_at = now() + make_interval(secs => $2) WHERE lease_owner = $1 "
                        + "AND report_id = ANY($3)")
                .execute(Tuple.of(owner, (double) lease.toMillis() / 1000, ids.toArray(UUID[]::new))).replaceWithVoid();
    }

    public Uni<StoredReport> find(SqlClient c, UUID id) {
        return c.preparedQuery("SELECT " + TASK_COLUMNS + ", fingerprint, title, summary, failure_reason, body, markdown, "
                        + "created_at, generated_at, generation_ms FROM report WHERE report_id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : StoredReport.of(rows.iterator().next()));
    }

    public Uni<byte[]> bundle(SqlClient c, UUID id) {
        return c.preparedQuery("SELECT bundle FROM report WHERE report_id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    var buffer = rows.iterator().next().getBuffer(0);
                    return buffer == null ? null : buffer.getBytes();
                });
    }

    public Uni<List<StoredReport>> list(SqlClient c, String tenant, String pluginId, String sessionId, String status, int limit) {
        return c.preparedQuery("SELECT " + TASK_COLUMNS + ", fingerprint, title, summary, failure_reason, NULL AS body, NULL AS markdown, "
                        + "created_at, generated_at, generation_ms FROM report WHERE tenant_id = $1 AND ($2::text IS NULL OR plugin_id = $2) "
                        + "AND ($3::text IS NULL OR session_id = $3) AND ($4::text IS NULL OR status = $4) ORDER BY created_at DESC LIMIT $5")
                .execute(Tuple.of(tenant, pluginId, sessionId, status, limit))
                .map(rows -> {
                    List<StoredReport> out = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        out.add(StoredReport.of(row));
                    }
                    return out;
                });
    }

    /** Share of warning/critical alerts of the last day whose report is ready (the coverage gauge). */
    public Uni<Double> coverage(SqlClient c) {
        return c.query("SELECT count(*) FILTER (WHERE status = 'ready')::float8 / greatest(count(*), 1) FROM report "
                        + "WHERE alert_id IS NOT NULL AND severity IN ('warning', 'critical') AND created_at > now() - interval '1 day'")
                .execute().map(rows -> rows.iterator().next().getDouble(0));
    }

    static List<ReportTask> tasks(RowSet<Row> rows) {
        List<ReportTask> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(task(row));
        }
        return out;
    }

    static ReportTask task(Row r) {
        return new ReportTask(r.getUUID("report_id"), r.getString("tenant_id"), r.getString("alert_id"), r.getString("plugin_id"),
                r.getString("session_id"), r.getString("trace_id"), r.getString("severity"), r.getString("notes"),
                new ReportWindow(Times.instant(r.getOffsetDateTime("window_from")), Times.instant(r.getOffsetDateTime("window_to"))),
                ReportStatus.fromWire(r.getString("status")), r.getInteger("attempts"));
    }
}
