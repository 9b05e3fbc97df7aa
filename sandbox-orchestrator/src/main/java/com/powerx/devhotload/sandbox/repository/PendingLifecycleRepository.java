package com.powerx.devhotload.sandbox.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * The inbox of lifecycle events an instance has recorded as processed but not acted on yet ({@code pending_lifecycle},
 * V3): written with the processed mark, deleted after the step, read back when the instance restarts.
 */
@ApplicationScoped
public class PendingLifecycleRepository {

    /** Remembers {@code encodedEvent} until {@link #remove}; in the caller's transaction. */
    public Uni<Void> add(SqlClient tx, String eventId, String instanceId, String encodedEvent) {
        return tx.preparedQuery("INSERT INTO pending_lifecycle (event_id, instance_id, event) VALUES ($1, $2, $3) "
                        + "ON CONFLICT (event_id) DO NOTHING")
                .execute(Tuple.of(eventId, instanceId, encodedEvent))
                .replaceWithVoid();
    }

    public Uni<Void> remove(SqlClient c, String eventId) {
        return c.preparedQuery("DELETE FROM pending_lifecycle WHERE event_id = $1").execute(Tuple.of(eventId)).replaceWithVoid();
    }

    /** The encoded events {@code instanceId} has not acted on, oldest first. */
    public Uni<List<String>> pending(SqlClient c, String instanceId) {
        return c.preparedQuery("SELECT event FROM pending_lifecycle WHERE instance_id = $1 ORDER BY seq")
                .execute(Tuple.of(instanceId))
                .map(rows -> {
                    List<String> events = new ArrayList<>();
                    rows.forEach(r -> events.add(r.getString("event")));
                    return events;
                });
    }
}
