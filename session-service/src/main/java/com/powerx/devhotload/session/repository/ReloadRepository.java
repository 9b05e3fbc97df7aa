package com.powerx.devhotload.session.repository;

import com.powerx.devhotload.contracts.state.ReloadResult;
import com.powerx.devhotload.contracts.state.ReloadStatus;
import com.powerx.devhotload.contracts.payload.BuildDiagnostic;
import com.powerx.devhotload.session.domain.Reload;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reload requests and their outcomes. */
@ApplicationScoped
public class ReloadRepository {

    public Uni<Void> insert(SqlClient tx, Reload r, boolean success, String error, List<BuildDiagnostic> diagnostics, String requestedBy) {
        return tx.preparedQuery("INSERT INTO dev_reload (session_id, sequence, reload_id, client_sequence, strategy, files, changed_files, "
                        + "build_hash, success, error, diagnostics, status, requested_by, requested_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::jsonb, $8, $9, $10, $11::text::jsonb, $12, $13, $14)")
                .execute(Tuple.from(new Object[] {r.sessionId(), r.sequence(), r.reloadId(), r.clientSequence(), r.strategy(),
                        Json.write(r.files()), Json.write(r.changedFiles()), r.buildHash(), success, error,
                        Json.write(diagnostics == null ? List.of() : diagnostics), r.status().wire(), requestedBy, SessionRepository.utc(r.requestedAt())}))
                .replaceWithVoid();
    }

    /** Sets the sandbox's outcome once; a redelivered or late report does not overwrite it. */
    public Uni<Boolean> complete(SqlClient tx, UUID sessionId, long sequence, ReloadResult result, String error, Long durationMs, Instant at) {
        return tx.preparedQuery("UPDATE dev_reload SET result = $3, result_error = $4, duration_ms = $5, completed_at = $6 "
                        + "WHERE session_id = $1 AND sequence = $2 AND result IS NULL")
                .execute(Tuple.from(new Object[] {sessionId, sequence, result.wire(), error, durationMs, SessionRepository.utc(at)}))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Reload> find(SqlClient c, UUID sessionId, long sequence) {
        return c.preparedQuery("SELECT session_id, sequence, reload_id, client_sequence, strategy, files::text AS files, "
                        + "changed_files::text AS changed_files, build_hash, status, result, result_error, duration_ms, requested_at, completed_at "
                        + "FROM dev_reload WHERE session_id = $1 AND sequence = $2")
                .execute(Tuple.of(sessionId, sequence))
                .map(rows -> rows.size() == 0 ? null : map(rows.iterator().next()));
    }

    /** Reloads of a tenant's live sessions still waiting for blobs, in sequence order. */
    public Uni<List<Reload>> waitingForFiles(SqlClient tx, String tenant) {
        return tx.preparedQuery("SELECT r.session_id, r.sequence, r.reload_id, r.client_sequence, r.strategy, r.files::text AS files, "
                        + "r.changed_files::text AS changed_files, r.build_hash, r.status, r.result, r.result_error, r.duration_ms, "
                        + "r.requested_at, r.completed_at FROM dev_reload r JOIN dev_session s ON s.id = r.session_id "
                        + "WHERE s.tenant_id = $1 AND s.status IN ('pending', 'active') AND r.status = 'waiting-for-files' "
                        + "ORDER BY r.session_id, r.sequence FOR UPDATE OF r")
                .execute(Tuple.of(tenant))
                .map(rows -> {
                    List<Reload> out = new ArrayList<>();
                    rows.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    public Uni<Void> markStatus(SqlClient tx, UUID sessionId, long sequence, ReloadStatus status) {
        return tx.preparedQuery("UPDATE dev_reload SET status = $3 WHERE session_id = $1 AND sequence = $2")
                .execute(Tuple.of(sessionId, sequence, status.wire())).replaceWithVoid();
    }

    /** Reload metrics of the last hour for the admin panel: count, failed, p95 ms. */
    public Uni<long[]> lastHourStats(SqlClient c, String tenant) {
        return c.preparedQuery("SELECT count(*), count(*) FILTER (WHERE r.result IN ('failed', 'rolled-back') OR NOT r.success), "
                        + "COALESCE(percentile_cont(0.95) WITHIN GROUP (ORDER BY r.duration_ms), 0) "
                        + "FROM dev_reload r JOIN dev_session s ON s.id = r.session_id "
                        + "WHERE ($1::text IS NULL OR s.tenant_id = $1) AND r.requested_at > now() - interval '1 hour'")
                .execute(Tuple.of(tenant))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new long[] {r.getLong(0), r.getLong(1), Math.round(r.getDouble(2))};
                });
    }

    private static Reload map(Row r) {
        return new Reload(r.getUUID("session_id"), r.getLong("sequence"), r.getUUID("reload_id"), r.getLong("client_sequence"),
                r.getString("strategy"), Json.files(r.getValue("files")),
                Json.strings(r.getValue("changed_files")),
                r.getString("build_hash"), ReloadStatus.from(r.getString("status")), ReloadResult.from(r.getString("result")), r.getString("result_error"),
                r.getLong("duration_ms"), instant(r, "requested_at"), instant(r, "completed_at"));
    }

    private static Instant instant(Row r, String column) {
        var t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }
}
