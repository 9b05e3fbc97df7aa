package com.powerx.devhotload.diagnostics.repository;

import com.powerx.devhotload.diagnostics.domain.RegressionRun;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Regression runs, handed out by lease like report tasks (a killed worker's run is taken up again). */
@ApplicationScoped
public class RegressionRepository {

    private static final String COLUMNS = "run_id, report_id, tenant_id, session_id, status, details, attempts, created_at, finished_at";

    public Uni<Void> create(SqlClient tx, UUID runId, UUID reportId, String tenant) {
        return tx.preparedQuery("INSERT INTO regression_run (run_id, report_id, tenant_id, status) VALUES ($1, $2, $3, 'running')")
                .execute(Tuple.of(runId, reportId, tenant)).replaceWithVoid();
    }

    public Uni<RegressionRun> find(SqlClient c, UUID runId) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM regression_run WHERE run_id = $1").execute(Tuple.of(runId))
                .map(rows -> rows.size() == 0 ? null : run(rows.iterator().next()));
    }

    public Uni<List<RegressionRun>> claim(SqlClient c, String owner, Duration lease, List<UUID> running, int limit) {
        return c.preparedQuery("UPDATE regression_run SET lease_owner = $1, lease_expires_at = now() + make_interval(secs => $2), "
                        + "attempts = attempts + 1 WHERE run_id IN (SELECT run_id FROM regression_run WHERE status = 'running' "
                        + "AND next_attempt_at <= now() AND (lease_owner IS NULL OR lease_expires_at < now() "
                        + "OR (lease_owner = $1 AND NOT run_id = ANY($3))) ORDER BY created_at LIMIT $4 FOR UPDATE SKIP LOCKED) "
                        + "RETURNING " + COLUMNS)
                .execute(Tuple.of(owner, (double) lease.toMillis() / 1000, running.toArray(UUID[]::new), limit))
                .map(rows -> {
                    List<RegressionRun> out = new ArrayList<>();
                    for (Row row : rows) {
                        out.add(run(row));
                    }
                    return out;
                });
    }

    public Uni<Boolean> finish(SqlClient tx, UUID runId, String owner, boolean passed, String sessionId, String details) {
        return tx.preparedQuery("UPDATE regression_run SET status = $3, session_id = $4, details = $5, finished_at = now(), "
                        + "lease_owner = NULL, lease_expires_at = NULL WHERE run_id = $1 AND lease_owner = $2 AND status = 'running'")
                .execute(Tuple.of(runId, owner, passed ? "passed" : "failed", sessionId, details)).map(r -> r.rowCount() == 1);
    }

    public Uni<Void> retryLater(SqlClient c, UUID runId, String owner, Duration delay) {
        return c.preparedQuery("UPDATE regression_run SET lease_owner = NULL, lease_expires_at = NULL, "
                        + "next_attempt_at = now() + make_interval(secs => $3) WHERE run_id = $1 AND lease_owner = $2")
                .execute(Tuple.of(runId, owner, (double) delay.toMillis() / 1000)).replaceWithVoid();
    }

    private static RegressionRun run(Row r) {
        return new RegressionRun(r.getUUID("run_id"), r.getUUID("report_id"), r.getString("tenant_id"), r.getString("session_id"),
                r.getString("status"), r.getString("details"), r.getInteger("attempts"), Times.instant(r.getOffsetDateTime("created_at")),
                Times.instant(r.getOffsetDateTime("finished_at")));
    }
}
