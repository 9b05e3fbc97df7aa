package com.powerx.devhotload.sandbox.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who owns which sandbox ({@code sandbox.instance_id} while {@code lease_expires_at} is ahead, V4). Every claim is one
 * statement whose WHERE re-checks owner and expiry under the row lock, so of two instances racing for a sandbox exactly
 * one gets it; times are the database's ({@code now()}), never an instance's clock.
 */
@ApplicationScoped
public class LeaseRepository {

    private static final String LEASE = "now() + $2::int * interval '1 millisecond'";
    /** The columns of {@link SandboxRepository.Saved}, from a CTE {@code c} of claimed rows. */
    private static final String SAVED = "SELECT c.session_id, c.tenant_id, c.plugin_id, c.runtime, c.entry, c.sandbox_endpoint, "
            + "c.state, COALESCE(c.sequence, 0) AS sequence, c.reloads, c.restarts, v.files::text AS files, "
            + "c.saved_state::text AS saved_state, c.previous_owner, c.env::text AS env "
            + "FROM claimed c LEFT JOIN sandbox_version v ON v.session_id = c.session_id AND v.sequence = c.sequence "
            + "ORDER BY c.updated_at";

    /** An owner as the lifecycle consumer finds it: its instance, and whether the session has ended. */
    public record Owner(String instanceId, boolean ended) {
    }

    /** The instance whose live lease covers a session, and where it answers. */
    public record LiveOwner(String instanceId, String url) {
    }

    /** Extends the leases of every unfinished sandbox {@code instanceId} owns; the ids it still owns. */
    public Uni<Set<String>> renew(SqlClient c, String instanceId, int leaseMs) {
        return c.preparedQuery("UPDATE sandbox SET lease_expires_at = " + LEASE + " WHERE instance_id = $1 AND state <> 'stopped' "
                        + "RETURNING session_id")
                .execute(Tuple.of(instanceId, leaseMs))
                .map(rows -> {
                    Set<String> owned = new HashSet<>();
                    rows.forEach(r -> owned.add(r.getUUID("session_id").toString()));
                    return owned;
                });
    }

    /**
     * At start: takes back (and renews) the unfinished sandboxes still recorded as {@code instanceId}'s, expired or
     * not (one that another instance adopted meanwhile is no longer recorded as this one's).
     */
    public Uni<List<SandboxRepository.Saved>> claimOwn(SqlClient c, String instanceId, int leaseMs) {
        return c.preparedQuery("WITH claimed AS (UPDATE sandbox SET lease_expires_at = " + LEASE
                        + " WHERE instance_id = $1 AND state <> 'stopped' RETURNING *, instance_id AS previous_owner) " + SAVED)
                .execute(Tuple.of(instanceId, leaseMs))
                .map(LeaseRepository::saved);
    }

    /**
     * Adopts at most {@code limit} unfinished sandboxes whose lease has run out, whoever held them (this instance too,
     * after it could not renew), with their pending lifecycle rows (re-addressed to {@code instanceId}, to be taken).
     * Rows another adopter is claiming right now are skipped, not waited for; a row whose lease was renewed meanwhile
     * no longer matches.
     */
    public Uni<List<SandboxRepository.Saved>> adopt(SqlClient tx, String instanceId, int leaseMs, int limit) {
        return tx.preparedQuery("WITH expired AS (SELECT session_id, instance_id FROM sandbox "
                        + "WHERE state <> 'stopped' AND lease_expires_at < now() ORDER BY lease_expires_at LIMIT $3 "
                        + "FOR UPDATE SKIP LOCKED), "
                        + "claimed AS (UPDATE sandbox s SET instance_id = $1, lease_expires_at = " + LEASE + ", updated_at = now() "
                        + "FROM expired e WHERE s.session_id = e.session_id RETURNING s.*, e.instance_id AS previous_owner), "
                        + "moved AS (UPDATE pending_lifecycle p SET instance_id = $1, taken = false FROM claimed c "
                        + "WHERE p.session_id = c.session_id::text AND p.instance_id <> $1 RETURNING p.seq) " + SAVED)
                .execute(Tuple.of(instanceId, leaseMs, limit))
                .map(LeaseRepository::saved);
    }

    /** At a clean stop, after its processes have ended: its sandboxes may be adopted at once. */
    public Uni<Integer> release(SqlClient c, String instanceId) {
        return c.preparedQuery("UPDATE sandbox SET lease_expires_at = now() WHERE instance_id = $1 AND state <> 'stopped'")
                .execute(Tuple.of(instanceId))
                .map(rows -> rows.rowCount());
    }

    /**
     * The owner of a session's sandbox, locked against adoption until {@code tx} ends; null when none is recorded.
     * Called by the lifecycle consumer, so that the event's pending row goes to the instance that owns the session.
     */
    public Uni<Owner> ownerOf(SqlClient tx, UUID sessionId) {
        return tx.preparedQuery("SELECT instance_id, state FROM sandbox WHERE session_id = $1 FOR SHARE")
                .execute(Tuple.of(sessionId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new Owner(r.getString("instance_id"), "stopped".equals(r.getString("state")));
                });
    }

    /**
     * A new session is the consuming instance's from its registration on: its sandbox row (state {@code starting}) and
     * lease are written with the event's processed mark. The owner on record afterwards (another one if the row existed).
     */
    public Uni<Owner> claimNew(SqlClient tx, UUID sessionId, String tenantId, String pluginId, String runtime, String entry,
                               String sandboxEndpoint, String instanceId, int leaseMs) {
        return tx.preparedQuery("INSERT INTO sandbox (session_id, instance_id, lease_expires_at, tenant_id, plugin_id, runtime, "
                        + "entry, sandbox_endpoint, state) VALUES ($3, $1, " + LEASE + ", $4, $5, $6, $7, $8, 'starting') "
                        + "ON CONFLICT (session_id) DO UPDATE SET updated_at = sandbox.updated_at RETURNING instance_id, state")
                .execute(Tuple.from(new Object[] {instanceId, leaseMs, sessionId, tenantId, pluginId, runtime, entry, sandboxEndpoint}))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new Owner(r.getString("instance_id"), "stopped".equals(r.getString("state")));
                });
    }

    /** The recorded owner of each of {@code sessionIds} that has a sandbox row. */
    public Uni<Map<String, String>> owners(SqlClient c, List<String> sessionIds) {
        UUID[] ids = sessionIds.stream().map(UUID::fromString).toArray(UUID[]::new);
        return c.preparedQuery("SELECT session_id, instance_id FROM sandbox WHERE session_id = ANY($1)")
                .execute(Tuple.of(ids))
                .map(rows -> {
                    Map<String, String> owners = new HashMap<>();
                    rows.forEach(r -> owners.put(r.getUUID("session_id").toString(), r.getString("instance_id")));
                    return owners;
                });
    }

    /**
     * The other instances that hold a live lease on an unfinished sandbox, with where they answer: the replicas a
     * sandbox list must ask besides itself. An instance running nothing has nothing to add and is left out.
     */
    public Uni<List<LiveOwner>> livePeers(SqlClient c, String instanceId) {
        return c.preparedQuery("SELECT DISTINCT s.instance_id, i.url FROM sandbox s JOIN orchestrator_instance i ON i.instance_id = s.instance_id "
                        + "WHERE s.instance_id <> $1 AND s.state <> 'stopped' AND s.lease_expires_at > now() ORDER BY s.instance_id")
                .execute(Tuple.of(instanceId))
                .map(rows -> {
                    List<LiveOwner> peers = new ArrayList<>();
                    rows.forEach(r -> peers.add(new LiveOwner(r.getString("instance_id"), r.getString("url"))));
                    return peers;
                });
    }

    /** Records where {@code instanceId} answers (V7), for the replicas that forward calls for its sessions to it. */
    public Uni<Void> advertise(SqlClient c, String instanceId, String url) {
        return c.preparedQuery("INSERT INTO orchestrator_instance (instance_id, url) VALUES ($1, $2) "
                        + "ON CONFLICT (instance_id) DO UPDATE SET url = EXCLUDED.url, seen_at = now()")
                .execute(Tuple.of(instanceId, url))
                .replaceWithVoid();
    }

    /**
     * The owner of a session's unfinished sandbox while its lease runs, with its address; null when there is none (no
     * sandbox, ended, a lease that ran out: nobody serves it until it is adopted) or the owner never said where it is.
     */
    public Uni<LiveOwner> liveOwner(SqlClient c, UUID sessionId) {
        return c.preparedQuery("SELECT s.instance_id, i.url FROM sandbox s JOIN orchestrator_instance i ON i.instance_id = s.instance_id "
                        + "WHERE s.session_id = $1 AND s.state <> 'stopped' AND s.lease_expires_at > now()")
                .execute(Tuple.of(sessionId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new LiveOwner(r.getString("instance_id"), r.getString("url"));
                });
    }

    private static List<SandboxRepository.Saved> saved(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<SandboxRepository.Saved> saved = new ArrayList<>();
        rows.forEach(r -> saved.add(SandboxRepository.Saved.of(r)));
        return saved;
    }
}
