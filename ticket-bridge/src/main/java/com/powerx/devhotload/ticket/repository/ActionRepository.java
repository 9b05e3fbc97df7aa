package com.powerx.devhotload.ticket.repository;

import com.powerx.devhotload.ticket.domain.ActionKind;
import com.powerx.devhotload.ticket.domain.TicketAction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The durable action queue. An intent is stored once per idempotency key; workers take due rows by lease
 * ({@link #claim}), a ticket's actions one at a time in the order they were decided, and every end of an action is
 * fenced by the lease — a worker that lost its row to another instance changes nothing.
 */
@ApplicationScoped
public class ActionRepository {

    private static final String COLUMNS = "action_id, idempotency_key, tenant_id, ticket_id, kind, target, body, attempts";

    /** True when this intent is new; false when its key was stored before (a replay). */
    public Uni<Boolean> enqueue(SqlClient tx, String key, String tenant, UUID ticketId, ActionKind kind, String target, JsonObject body) {
        return tx.preparedQuery("INSERT INTO ticket_action (action_id, idempotency_key, tenant_id, ticket_id, kind, target, body) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING")
                .execute(Tuple.from(new Object[] {UUID.randomUUID(), key, tenant, ticketId, kind.wire(), target, body}))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> exists(SqlClient c, String key) {
        return c.preparedQuery("SELECT 1 FROM ticket_action WHERE idempotency_key = $1").execute(Tuple.of(key)).map(rows -> rows.size() > 0);
    }

    /** Whether a close or reopen of ours is still on its way to the tracker: a webhook about it is our own echo. */
    public Uni<Boolean> transitionPending(SqlClient c, UUID ticketId) {
        return c.preparedQuery("SELECT 1 FROM ticket_action WHERE ticket_id = $1 AND status = 'pending' AND kind IN ('close', 'reopen')")
                .execute(Tuple.of(ticketId)).map(rows -> rows.size() > 0);
    }

    /** Up to {@code limit} due actions leased to {@code owner}; {@code running} are its actions already in hand. */
    public Uni<List<TicketAction>> claim(SqlClient c, String owner, Duration lease, List<UUID> running, int limit) {
        return c.preparedQuery("UPDATE ticket_action SET lease_owner = $1, lease_expires_at = now() + make_interval(secs => $2), "
                        + "attempts = attempts + 1 WHERE action_id IN (SELECT a.action_id FROM ticket_action a WHERE a.status = 'pending' "
                        + "AND a.next_attempt_at <= now() AND (a.lease_owner IS NULL OR a.lease_expires_at < now() "
                        + "OR (a.lease_owner = $1 AND NOT a.action_id = ANY($3))) AND (a.ticket_id IS NULL OR NOT EXISTS "
                        + "(SELECT 1 FROM ticket_action p WHERE p.ticket_id = a.ticket_id AND p.status = 'pending' AND p.seq < a.seq)) "
                        + "ORDER BY a.seq LIMIT $4 FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)
                .execute(Tuple.of(owner, seconds(lease), running.toArray(UUID[]::new), limit))
                .map(rows -> {
                    List<TicketAction> out = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        out.add(of(r));
                    }
                    return out;
                });
    }

    public Uni<Boolean> done(SqlClient tx, UUID id, String owner) {
        return tx.preparedQuery("UPDATE ticket_action SET status = 'done', done_at = now(), lease_owner = NULL, lease_expires_at = NULL, "
                + "last_error = NULL WHERE action_id = $1 AND lease_owner = $2").execute(Tuple.of(id, owner)).map(rows -> rows.rowCount() == 1);
    }

    /** Gives up on an action (a permanent refusal): it stays visible with its error, and the ticket's next action runs. */
    public Uni<Void> failed(SqlClient c, UUID id, String owner, String error) {
        return c.preparedQuery("UPDATE ticket_action SET status = 'failed', last_error = $3, lease_owner = NULL, lease_expires_at = NULL "
                + "WHERE action_id = $1 AND lease_owner = $2").execute(Tuple.of(id, owner, error)).replaceWithVoid();
    }

    public Uni<Void> retryLater(SqlClient c, UUID id, String owner, Duration delay, String error) {
        return c.preparedQuery("UPDATE ticket_action SET lease_owner = NULL, lease_expires_at = NULL, last_error = $4, "
                        + "next_attempt_at = now() + make_interval(secs => $3) WHERE action_id = $1 AND lease_owner = $2")
                .execute(Tuple.of(id, owner, seconds(delay), error)).replaceWithVoid();
    }

    public Uni<Void> renew(SqlClient c, String owner, Duration lease, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("UPDATE ticket_action SET lease_expires_at = now() + make_interval(secs => $2) WHERE lease_owner = $1 "
                + "AND action_id = ANY($3)").execute(Tuple.of(owner, seconds(lease), ids.toArray(UUID[]::new))).replaceWithVoid();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static TicketAction of(Row r) {
        Object body = r.getValue("body");
        JsonObject json = body instanceof JsonObject o ? o : new JsonObject(String.valueOf(body));
        return new TicketAction(r.getUUID("action_id"), r.getString("idempotency_key"), r.getString("tenant_id"), r.getUUID("ticket_id"),
                ActionKind.fromWire(r.getString("kind")), r.getString("target"), json, r.getInteger("attempts"));
    }
}
