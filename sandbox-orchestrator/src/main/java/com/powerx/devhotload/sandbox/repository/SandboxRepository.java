package com.powerx.devhotload.sandbox.repository;

import com.powerx.devhotload.contracts.JsonText;
import com.powerx.devhotload.contracts.state.ReloadResult;
import com.powerx.devhotload.contracts.state.SandboxState;
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

    /**
     * Writes the sandbox's current state (inserting it, with a lease of {@code leaseMs}, the first time) if
     * {@code instanceId} owns it: false, and nothing written, when another instance has taken the session over.
     */
    public Uni<Boolean> save(SqlClient tx, Sandbox s, String instanceId, int leaseMs) {
        return tx.preparedQuery("INSERT INTO sandbox (session_id, tenant_id, plugin_id, runtime, entry, sandbox_endpoint, state, "
                        + "sequence, last_error, reloads, restarts, started_at, instance_id, lease_expires_at, env) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now() + $14::int * interval '1 millisecond', "
                        + "$15::text::jsonb) "
                        + "ON CONFLICT (session_id) DO UPDATE SET state = EXCLUDED.state, sequence = EXCLUDED.sequence, "
                        + "last_error = EXCLUDED.last_error, reloads = EXCLUDED.reloads, restarts = EXCLUDED.restarts, "
                        + "started_at = EXCLUDED.started_at, instance_id = EXCLUDED.instance_id, updated_at = now() "
                        + "WHERE sandbox.instance_id IS NULL OR sandbox.instance_id = EXCLUDED.instance_id")
                .execute(Tuple.from(new Object[] {UUID.fromString(s.sessionId()), s.tenantId(), s.pluginId(), s.runtime(),
                        s.entry(), s.sandboxEndpoint(), s.state().wire(), s.sequence(), s.lastError(), s.reloads(), s.restarts(),
                        s.startedAt() == null ? null : s.startedAt().atOffset(ZoneOffset.UTC), instanceId, leaseMs,
                        s.env().isEmpty() ? null : JsonText.write(s.env())}))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Keeps the plugin's last saved state for a restart. {@code at} orders concurrent snapshots (two invokes at
     * once): an older snapshot never overwrites a newer one.
     */
    public Uni<Void> saveState(SqlClient c, String sessionId, String instanceId, Object state, java.time.Instant at) {
        return c.preparedQuery("UPDATE sandbox SET saved_state = $2::text::jsonb, saved_state_at = $3 WHERE session_id = $1 "
                        + "AND instance_id = $4 AND (saved_state_at IS NULL OR saved_state_at <= $3)")
                .execute(Tuple.of(UUID.fromString(sessionId), JsonText.write(state), at.atOffset(ZoneOffset.UTC), instanceId))
                .replaceWithVoid();
    }

    /**
     * A sandbox as it was saved, with the files of the version it served: what an instance brings back when it claims
     * it (its own after a restart, or another's adopted); {@code previousOwner} is the instance it was taken from.
     */
    public record Saved(String sessionId, String tenantId, String pluginId, String runtime, String entry, String sandboxEndpoint,
                        SandboxState state, long sequence, int reloads, int restarts, String filesJson, String savedStateJson,
                        String previousOwner, String envJson) {

        /** Reads a row of {@link LeaseRepository}'s claims. */
        static Saved of(io.vertx.mutiny.sqlclient.Row r) {
            return new Saved(r.getUUID("session_id").toString(), r.getString("tenant_id"), r.getString("plugin_id"),
                    r.getString("runtime"), r.getString("entry"), r.getString("sandbox_endpoint"), SandboxState.from(r.getString("state")),
                    r.getLong("sequence"), r.getInteger("reloads"), r.getInteger("restarts"), r.getString("files"),
                    r.getString("saved_state"), r.getString("previous_owner"), r.getString("env"));
        }
    }

    public Uni<Void> saveVersion(SqlClient tx, String sessionId, long sequence, Object files) {
        return tx.preparedQuery("INSERT INTO sandbox_version (session_id, sequence, files) VALUES ($1, $2, $3::text::jsonb) "
                        + "ON CONFLICT DO NOTHING")
                .execute(Tuple.of(UUID.fromString(sessionId), sequence, JsonText.write(files)))
                .replaceWithVoid();
    }

    public Uni<Void> saveAttempt(SqlClient tx, String sessionId, long sequence, ReloadResult result, Long durationMs, Object phases,
                                 Object error) {
        return tx.preparedQuery("INSERT INTO reload_attempt (session_id, sequence, result, duration_ms, phases, error) "
                        + "VALUES ($1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb) ON CONFLICT (session_id, sequence) DO UPDATE "
                        + "SET result = EXCLUDED.result, duration_ms = EXCLUDED.duration_ms, phases = EXCLUDED.phases, "
                        + "error = EXCLUDED.error, at = now()")
                .execute(Tuple.from(new Object[] {UUID.fromString(sessionId), sequence, result.wire(), durationMs, JsonText.write(phases), JsonText.write(error)}))
                .replaceWithVoid();
    }
}
