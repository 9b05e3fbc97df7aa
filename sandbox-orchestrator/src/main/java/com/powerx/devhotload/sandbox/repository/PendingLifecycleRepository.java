package com.powerx.devhotload.sandbox.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The inbox of lifecycle events ({@code pending_lifecycle}, V3 and V4): each row is written with the event's processed
 * mark and addressed to the instance that owns the event's session (whichever replica consumed it), taken by that
 * instance's intake, and deleted once its step has run. What a dead instance leaves goes with its sandboxes to the
 * instance that adopts them ({@link LeaseRepository#adopt}); a restarted instance takes its own again.
 */
@ApplicationScoped
public class PendingLifecycleRepository {

    /** Remembers {@code encodedEvent} for {@code instanceId} until {@link #remove}; in the caller's transaction. */
    public Uni<Void> add(SqlClient tx, String eventId, String instanceId, String sessionId, String encodedEvent) {
        return tx.preparedQuery("INSERT INTO pending_lifecycle (event_id, instance_id, session_id, event) VALUES ($1, $2, $3, $4) "
                        + "ON CONFLICT (event_id) DO NOTHING")
                .execute(Tuple.of(eventId, instanceId, sessionId, encodedEvent))
                .replaceWithVoid();
    }

    /** Its step has run on {@code instanceId}; a row that moved on to an adopter meanwhile stays, for the adopter. */
    public Uni<Void> remove(SqlClient c, String eventId, String instanceId) {
        return c.preparedQuery("DELETE FROM pending_lifecycle WHERE event_id = $1 AND instance_id = $2")
                .execute(Tuple.of(eventId, instanceId)).replaceWithVoid();
    }

    /** Takes the encoded events addressed to {@code instanceId} that it has not taken yet, oldest first. */
    public Uni<List<String>> take(SqlClient c, String instanceId) {
        return c.preparedQuery("UPDATE pending_lifecycle SET taken = true WHERE instance_id = $1 AND NOT taken RETURNING seq, event")
                .execute(Tuple.of(instanceId))
                .map(rows -> {
                    List<Object[]> taken = new ArrayList<>();
                    rows.forEach(r -> taken.add(new Object[] {r.getLong("seq"), r.getString("event")}));
                    taken.sort(Comparator.comparingLong(t -> (Long) t[0]));
                    return taken.stream().map(t -> (String) t[1]).toList();
                });
    }

    /** At start: what {@code instanceId} had taken but not finished is to be taken again. */
    public Uni<Void> untake(SqlClient c, String instanceId) {
        return c.preparedQuery("UPDATE pending_lifecycle SET taken = false WHERE instance_id = $1 AND taken")
                .execute(Tuple.of(instanceId)).replaceWithVoid();
    }
}
