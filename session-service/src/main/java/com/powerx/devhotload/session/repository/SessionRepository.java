package com.powerx.devhotload.session.repository;

import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.contracts.state.ReloadResult;
import com.powerx.devhotload.contracts.state.SandboxState;
import com.powerx.devhotload.contracts.state.SessionStatus;
import com.powerx.devhotload.session.domain.Session;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Sessions in PostgreSQL. Every method takes the connection of the caller's transaction. */
@ApplicationScoped
public class SessionRepository {

    private static final String COLUMNS = "id, tenant_id, developer_id, plugin_id, version, runtime, entry, status, sandbox_state, "
            + "sandbox_last_error, reload_token_hash, files::text AS files, good_files::text AS good_files, build_hash, sandbox_endpoint, "
            + "cli_version, metadata::text AS metadata, last_sequence, reload_count, last_reload_sequence, last_reload_result, "
            + "last_reload_ms, last_reload_at, created_at, expires_at, ended_at, termination_note";

    public Uni<Void> insert(SqlClient tx, Session s) {
        return tx.preparedQuery("INSERT INTO dev_session (id, tenant_id, developer_id, plugin_id, version, runtime, entry, status, "
                        + "sandbox_state, reload_token_hash, files, build_hash, sandbox_endpoint, cli_version, metadata, created_at, expires_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text::jsonb, $12, $13, $14, $15::text::jsonb, $16, $17)")
                .execute(Tuple.from(new Object[] {s.id(), s.tenantId(), s.developerId(), s.pluginId(), s.version(), s.runtime(),
                        s.entry(), s.status().wire(), s.sandboxState().wire(), io.vertx.core.buffer.Buffer.buffer(s.reloadTokenHash()),
                        Json.write(s.files()), s.buildHash(), s.sandboxEndpoint(), s.cliVersion(), Json.write(s.metadata()),
                        utc(s.createdAt()), utc(s.expiresAt())}))
                .replaceWithVoid();
    }

    /** Any tenant: only for token-authenticated calls, whose caller must then prove the token. */
    public Uni<Session> findById(SqlClient c, UUID id) {
        return one(c.preparedQuery("SELECT " + COLUMNS + " FROM dev_session WHERE id = $1").execute(Tuple.of(id)));
    }

    public Uni<Session> findForUpdate(SqlClient tx, UUID id) {
        return one(tx.preparedQuery("SELECT " + COLUMNS + " FROM dev_session WHERE id = $1 FOR UPDATE").execute(Tuple.of(id)));
    }

    public Uni<Session> findForTenant(SqlClient c, String tenant, UUID id) {
        return one(c.preparedQuery("SELECT " + COLUMNS + " FROM dev_session WHERE id = $1 AND tenant_id = $2").execute(Tuple.of(id, tenant)));
    }

    /** The pending or active session of a plugin, locked so a concurrent register or takeover waits for us. */
    public Uni<Session> findLiveForUpdate(SqlClient tx, String tenant, String pluginId) {
        return one(tx.preparedQuery("SELECT " + COLUMNS + " FROM dev_session WHERE tenant_id = $1 AND plugin_id = $2 "
                + "AND status IN ('pending', 'active') FOR UPDATE").execute(Tuple.of(tenant, pluginId)));
    }

    /** Ends a live session; returns null when it had already ended (idempotent terminate). */
    public Uni<Session> end(SqlClient tx, UUID id, SessionStatus status, String note, Instant at) {
        return one(tx.preparedQuery("UPDATE dev_session SET status = $2, sandbox_state = 'stopped', ended_at = $3, termination_note = $4 "
                        + "WHERE id = $1 AND status IN ('pending', 'active') RETURNING " + COLUMNS)
                .execute(Tuple.of(id, status.wire(), utc(at), note)));
    }

    /** Hands out the next reload sequence and extends the idle expiry, atomically. */
    public Uni<Long> nextSequence(SqlClient tx, UUID id, Instant expiresAt) {
        return tx.preparedQuery("UPDATE dev_session SET last_sequence = last_sequence + 1, reload_count = reload_count + 1, "
                        + "expires_at = GREATEST(expires_at, $2) WHERE id = $1 RETURNING last_sequence")
                .execute(Tuple.of(id, utc(expiresAt))).map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Void> updateFiles(SqlClient tx, UUID id, List<FileRef> files, String buildHash) {
        return tx.preparedQuery("UPDATE dev_session SET files = $2::text::jsonb, build_hash = COALESCE($3, build_hash) WHERE id = $1")
                .execute(Tuple.of(id, Json.write(files), buildHash)).replaceWithVoid();
    }

    public Uni<Void> updateSandboxState(SqlClient tx, UUID id, SandboxState sandboxState) {
        return tx.preparedQuery("UPDATE dev_session SET sandbox_state = $2 WHERE id = $1")
                .execute(Tuple.of(id, sandboxState.wire())).replaceWithVoid();
    }

    /** Extends the idle expiry of a live session; returns the new expiry, or null if the session is not live. */
    public Uni<Instant> touch(SqlClient c, UUID id, Instant expiresAt) {
        return c.preparedQuery("UPDATE dev_session SET expires_at = GREATEST(expires_at, $2) WHERE id = $1 "
                        + "AND status IN ('pending', 'active') RETURNING expires_at")
                .execute(Tuple.of(id, utc(expiresAt)))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getOffsetDateTime(0).toInstant());
    }

    public Uni<Void> replaceTokenHash(SqlClient tx, UUID id, byte[] hash) {
        return tx.preparedQuery("UPDATE dev_session SET reload_token_hash = $2 WHERE id = $1")
                .execute(Tuple.of(id, io.vertx.core.buffer.Buffer.buffer(hash))).replaceWithVoid();
    }

    /** Live sessions of a tenant still waiting for blobs (re-checked when a blob arrives). */
    public Uni<List<Session>> waitingForFiles(SqlClient tx, String tenant) {
        return many(tx.preparedQuery("SELECT " + COLUMNS + " FROM dev_session WHERE tenant_id = $1 AND status IN ('pending', 'active') "
                + "AND sandbox_state = 'waiting-for-files' FOR UPDATE").execute(Tuple.of(tenant)));
    }

    /** A page of a tenant's sessions with optional filters; {@code statuses} empty means all. */
    public Uni<List<Session>> list(SqlClient c, String tenant, String pluginId, String developerId, String query,
                                   List<SessionStatus> statuses, int limit, int offset) {
        return many(c.preparedQuery("SELECT " + COLUMNS + " FROM dev_session WHERE " + filter()
                        + " ORDER BY created_at DESC, id LIMIT $6 OFFSET $7")
                .execute(Tuple.from(new Object[] {tenant, pluginId, developerId, wire(statuses), like(query), limit, offset})));
    }

    public Uni<Long> count(SqlClient c, String tenant, String pluginId, String developerId, String query, List<SessionStatus> statuses) {
        return c.preparedQuery("SELECT count(*) FROM dev_session WHERE " + filter())
                .execute(Tuple.from(new Object[] {tenant, pluginId, developerId, wire(statuses), like(query)}))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static String filter() {
        // $1 tenant (null = every tenant, for global admins), $2 plugin, $3 developer, $4 statuses, $5 free text.
        return "($1::text IS NULL OR tenant_id = $1) AND ($2::text IS NULL OR plugin_id = $2) AND ($3::text IS NULL OR developer_id = $3) "
                + "AND (cardinality($4::text[]) = 0 OR status = ANY($4)) "
                + "AND ($5::text IS NULL OR plugin_id ILIKE $5 OR developer_id ILIKE $5 OR id::text ILIKE $5)";
    }

    private static String[] wire(List<SessionStatus> statuses) {
        return statuses.stream().map(SessionStatus::wire).toArray(String[]::new);
    }

    private static String like(String query) {
        return query == null || query.isBlank() ? null : "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** Ends every live session whose idle expiry passed; rows locked by a concurrent replica are skipped, not doubled. */
    public Uni<List<Session>> expireIdle(SqlClient tx, Instant now, int batch) {
        return many(tx.preparedQuery("UPDATE dev_session SET status = 'expired', sandbox_state = 'stopped', ended_at = $1, "
                        + "termination_note = 'idle' WHERE id IN (SELECT id FROM dev_session WHERE status IN ('pending', 'active') "
                        + "AND expires_at < $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)
                .execute(Tuple.of(utc(now), batch)));
    }

    /** Deletes a tenant's sessions in {@code statuses} plus the sessions {@code ids}; returns what was deleted. */
    public Uni<List<UUID>> purge(SqlClient tx, String tenant, String pluginId, List<SessionStatus> statuses, List<UUID> ids) {
        return tx.preparedQuery("DELETE FROM dev_session WHERE tenant_id = $1 AND ($2::text IS NULL OR plugin_id = $2) "
                        + "AND (status = ANY($3) OR id = ANY($4)) RETURNING id")
                .execute(Tuple.of(tenant, pluginId, wire(statuses), ids.toArray(UUID[]::new)))
                .map(rows -> {
                    List<UUID> deleted = new ArrayList<>();
                    rows.forEach(r -> deleted.add(r.getUUID(0)));
                    return deleted;
                });
    }

    /** Records a sandbox report on the session. */
    public Uni<Void> applySandboxState(SqlClient tx, UUID id, SessionStatus status, SandboxState sandboxState, String lastError) {
        return tx.preparedQuery("UPDATE dev_session SET status = CASE WHEN status IN ('pending', 'active') THEN COALESCE($2, status) ELSE status END, "
                        + "sandbox_state = CASE WHEN status IN ('pending', 'active') THEN $3 ELSE sandbox_state END, "
                        + "sandbox_last_error = $4 WHERE id = $1")
                .execute(Tuple.of(id, status == null ? null : status.wire(), sandboxState.wire(), lastError)).replaceWithVoid();
    }

    public Uni<Void> recordReloadOutcome(SqlClient tx, UUID id, long sequence, ReloadResult result, Long durationMs, Instant at,
                                         List<FileRef> goodFiles) {
        return tx.preparedQuery("UPDATE dev_session SET last_reload_sequence = $2, last_reload_result = $3, last_reload_ms = $4, "
                        + "last_reload_at = $5, good_files = COALESCE($6::text::jsonb, good_files) "
                        + "WHERE id = $1 AND (last_reload_sequence IS NULL OR last_reload_sequence <= $2)")
                .execute(Tuple.from(new Object[] {id, sequence, result.wire(), durationMs, utc(at), goodFiles == null ? null : Json.write(goodFiles)}))
                .replaceWithVoid();
    }

    private static Uni<Session> one(Uni<RowSet<Row>> rows) {
        return rows.map(set -> set.size() == 0 ? null : map(set.iterator().next()));
    }

    private static Uni<List<Session>> many(Uni<RowSet<Row>> rows) {
        return rows.map(set -> {
            List<Session> out = new ArrayList<>(set.size());
            set.forEach(r -> out.add(map(r)));
            return out;
        });
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    private static Session map(Row r) {
        return Session.builder()
                .id(r.getUUID("id"))
                .owner(r.getString("tenant_id"), r.getString("developer_id"))
                .plugin(r.getString("plugin_id"), r.getString("version"), r.getString("runtime"), r.getString("entry"))
                .status(SessionStatus.from(r.getString("status")))
                .sandbox(SandboxState.from(r.getString("sandbox_state")), r.getString("sandbox_last_error"))
                .reloadTokenHash(r.getBuffer("reload_token_hash").getBytes())
                .bundle(Json.files(r.getValue("files")), Json.files(r.getValue("good_files")), r.getString("build_hash"))
                .client(r.getString("sandbox_endpoint"), r.getString("cli_version"), Json.map(r.getValue("metadata")))
                .sequence(r.getLong("last_sequence"), r.getInteger("reload_count"))
                .lastReload(r.getLong("last_reload_sequence"), r.getString("last_reload_result"), r.getLong("last_reload_ms"),
                        instant(r, "last_reload_at"))
                .times(instant(r, "created_at"), instant(r, "expires_at"), instant(r, "ended_at"))
                .terminationNote(r.getString("termination_note"))
                .build();
    }
}
