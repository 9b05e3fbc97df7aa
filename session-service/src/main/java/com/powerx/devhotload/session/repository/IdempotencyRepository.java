package com.powerx.devhotload.session.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;

/** {@code x-reload-id} keys: the first answer to a key, kept for replay. */
@ApplicationScoped
public class IdempotencyRepository {

    /** A remembered answer. */
    public record Stored(byte[] requestHash, int statusCode, String response) {
    }

    public Uni<Stored> find(SqlClient c, UUID sessionId, String key, Duration ttl) {
        return c.preparedQuery("SELECT request_hash, status_code, response::text FROM dev_idempotency_key "
                        + "WHERE session_id = $1 AND key = $2 AND created_at > now() - make_interval(secs => $3)")
                .execute(Tuple.of(sessionId, key, (double) ttl.toSeconds()))
                .map(rows -> rows.size() == 0 ? null : new Stored(rows.iterator().next().getBuffer(0).getBytes(),
                        rows.iterator().next().getInteger(1), rows.iterator().next().getString(2)));
    }

    /** Stores the answer; false when another request with the same key won the race (its answer is the one to give). */
    public Uni<Boolean> insert(SqlClient tx, UUID sessionId, String key, byte[] requestHash, int statusCode, String response) {
        return tx.preparedQuery("INSERT INTO dev_idempotency_key (session_id, key, request_hash, status_code, response) "
                        + "VALUES ($1, $2, $3, $4, $5::text::jsonb) ON CONFLICT (session_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, "
                        + "status_code = EXCLUDED.status_code, response = EXCLUDED.response, created_at = now() "
                        + "WHERE dev_idempotency_key.created_at < now() - interval '24 hours'")
                .execute(Tuple.of(sessionId, key, io.vertx.core.buffer.Buffer.buffer(requestHash), statusCode, response))
                .map(rows -> rows.rowCount() == 1);
    }
}
