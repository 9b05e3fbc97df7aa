package com.powerx.devhotload.session.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Audit records of state-changing calls. */
@ApplicationScoped
public class AuditRepository {

    /** One audit record. */
    public record AuditRecord(UUID auditId, String actor, String tenant, String action, UUID sessionId, String result,
                              String reason, Instant at) {
    }

    public Uni<Void> insert(SqlClient tx, AuditRecord a) {
        return tx.preparedQuery("INSERT INTO dev_audit (id, tenant_id, actor, action, session_id, result, reason, at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.from(new Object[] {a.auditId(), a.tenant(), a.actor(), a.action(), a.sessionId(), a.result(),
                        a.reason(), SessionRepository.utc(a.at())}))
                .replaceWithVoid();
    }

    /** Newest first; {@code tenant} null means every tenant (global admin). */
    public Uni<List<AuditRecord>> find(SqlClient c, String tenant, UUID sessionId, String actor, int limit) {
        return c.preparedQuery("SELECT id, actor, tenant_id, action, session_id, result, reason, at FROM dev_audit "
                        + "WHERE ($1::text IS NULL OR tenant_id = $1) AND ($2::uuid IS NULL OR session_id = $2) "
                        + "AND ($3::text IS NULL OR actor = $3) ORDER BY at DESC, id LIMIT $4")
                .execute(Tuple.of(tenant, sessionId, actor, limit))
                .map(rows -> {
                    List<AuditRecord> out = new ArrayList<>();
                    rows.forEach(r -> out.add(new AuditRecord(r.getUUID(0), r.getString(1), r.getString(2), r.getString(3),
                            r.getUUID(4), r.getString(5), r.getString(6), r.getOffsetDateTime(7).toInstant())));
                    return out;
                });
    }
}
