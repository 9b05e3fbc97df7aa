package com.powerx.devhotload.diagnostics.repository;

import com.powerx.devhotload.diagnostics.domain.SessionInfo;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Sessions as their lifecycle events described them; every write is idempotent (a redelivery changes nothing). */
@ApplicationScoped
public class SessionInfoRepository {

    private static final String COLUMNS = "session_id, tenant_id, plugin_id, developer_id, token_sha256, runtime, version, "
            + "build_hash, status, registered_at";

    public Uni<Void> registered(SqlClient tx, SessionInfo s) {
        return tx.preparedQuery("INSERT INTO session_info (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
                        + "ON CONFLICT (session_id) DO NOTHING")
                .execute(Tuple.from(new Object[] {s.sessionId(), s.tenantId(), s.pluginId(), s.developerId(), s.tokenSha256(),
                        s.runtime(), s.version(), s.buildHash(), s.status(), Times.utc(s.registeredAt())}))
                .replaceWithVoid();
    }

    /** A status change; a token hash (from /resume) replaces the old one. */
    public Uni<Void> updated(SqlClient tx, String sessionId, String status, String tokenSha256) {
        return tx.preparedQuery("UPDATE session_info SET status = coalesce($2, status), token_sha256 = coalesce($3, token_sha256), "
                        + "updated_at = now() WHERE session_id = $1")
                .execute(Tuple.of(sessionId, status, tokenSha256)).replaceWithVoid();
    }

    /** pending → active once its sandbox is ready; never an ended session back (the topics are not ordered). */
    public Uni<Void> activated(SqlClient tx, String sessionId) {
        return tx.preparedQuery("UPDATE session_info SET status = 'active', updated_at = now() WHERE session_id = $1 AND status = 'pending'")
                .execute(Tuple.of(sessionId)).replaceWithVoid();
    }

    public Uni<Void> buildHash(SqlClient tx, String sessionId, String buildHash) {
        return tx.preparedQuery("UPDATE session_info SET build_hash = $2, updated_at = now() WHERE session_id = $1")
                .execute(Tuple.of(sessionId, buildHash)).replaceWithVoid();
    }

    public Uni<SessionInfo> find(SqlClient c, String sessionId) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM session_info WHERE session_id = $1").execute(Tuple.of(sessionId))
                .map(SessionInfoRepository::first);
    }

    public Uni<SessionInfo> findByToken(SqlClient c, String tokenSha256) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM session_info WHERE token_sha256 = $1").execute(Tuple.of(tokenSha256))
                .map(SessionInfoRepository::first);
    }

    /** The plugin's newest session that is still live (where a regression of an ended session runs). */
    public Uni<SessionInfo> newestActive(SqlClient c, String tenant, String pluginId) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM session_info WHERE tenant_id = $1 AND plugin_id = $2 "
                        + "AND status IN ('pending', 'active') ORDER BY registered_at DESC LIMIT 1")
                .execute(Tuple.of(tenant, pluginId)).map(SessionInfoRepository::first);
    }

    private static SessionInfo first(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return null;
        }
        Row r = rows.iterator().next();
        Instant registered = Times.instant(r.getOffsetDateTime("registered_at"));
        return new SessionInfo(r.getString("session_id"), r.getString("tenant_id"), r.getString("plugin_id"),
                r.getString("developer_id"), r.getString("token_sha256"), r.getString("runtime"), r.getString("version"),
                r.getString("build_hash"), r.getString("status"), registered);
    }
}
