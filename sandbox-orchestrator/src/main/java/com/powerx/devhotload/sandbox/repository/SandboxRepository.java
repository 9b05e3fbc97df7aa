package com.powerx.devhotload.sandbox.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.sandbox.domain.Sandbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.UUID;

/** Sandboxes, their versions and reload attempts in PostgreSQL. Every method takes the caller's transaction. */
@ApplicationScoped
public class SandboxRepository {

    /** Writes the sandbox's current state (inserting it the first time). */
    public Uni<Void> save(SqlClient tx, Sandbox s) {
        return tx.preparedQuery("INSERT INTO sandbox (session_id, tenant_id, plugin_id, runtime, entry, sandbox_endpoint, state, "
                        + "sequence, last_error, reloads, restarts, started_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
                        + "ON CONFLICT (session_id) DO UPDATE SET state = EXCLUDED.state, sequence = EXCLUDED.sequence, "
                        + "last_error = EXCLUDED.last_error, reloads = EXCLUDED.reloads, restarts = EXCLUDED.restarts, "
                        + "started_at = EXCLUDED.started_at, updated_at = now()")
                .execute(Tuple.from(new Object[] {UUID.fromString(s.sessionId()), s.tenantId(), s.pluginId(), s.runtime(),
                        s.entry(), s.sandboxEndpoint(), s.state, s.sequence, s.lastError, s.reloads, s.restarts,
                        s.startedAt == null ? null : s.startedAt.atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid();
    }

    public Uni<Void> saveVersion(SqlClient tx, String sessionId, long sequence, Object files) {
        return tx.preparedQuery("INSERT INTO sandbox_version (session_id, sequence, files) VALUES ($1, $2, $3::text::jsonb) "
                        + "ON CONFLICT DO NOTHING")
                .execute(Tuple.of(UUID.fromString(sessionId), sequence, json(files)))
                .replaceWithVoid();
    }

    public Uni<Void> saveAttempt(SqlClient tx, String sessionId, long sequence, String result, Long durationMs, Object phases,
                                 Object error) {
        return tx.preparedQuery("INSERT INTO reload_attempt (session_id, sequence, result, duration_ms, phases, error) "
                        + "VALUES ($1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb) ON CONFLICT (session_id, sequence) DO UPDATE "
                        + "SET result = EXCLUDED.result, duration_ms = EXCLUDED.duration_ms, phases = EXCLUDED.phases, "
                        + "error = EXCLUDED.error, at = now()")
                .execute(Tuple.from(new Object[] {UUID.fromString(sessionId), sequence, result, durationMs, json(phases), json(error)}))
                .replaceWithVoid();
    }

    private static String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
