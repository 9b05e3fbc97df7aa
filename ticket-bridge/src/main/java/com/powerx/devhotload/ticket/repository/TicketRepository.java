package com.powerx.devhotload.ticket.repository;

import com.powerx.devhotload.ticket.domain.BuildMark;
import com.powerx.devhotload.ticket.domain.ClosedBy;
import com.powerx.devhotload.ticket.domain.ReportFacts;
import com.powerx.devhotload.ticket.domain.Ticket;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Tickets. Decisions read a ticket {@code FOR UPDATE} on the deciding transaction, so two events about one
 * fingerprint are applied one after the other; the unique (tenant, fingerprint, provider) key makes racing creates one.
 */
@ApplicationScoped
public class TicketRepository {

    private static final String SELECT = "SELECT " + TicketRows.COLUMNS + " FROM ticket ";

    /** The new ticket's id, or null when one exists for (tenant, fingerprint, provider). */
    public Uni<UUID> insertIfAbsent(SqlClient tx, ReportFacts r, String provider, String assignee) {
        UUID id = UUID.randomUUID();
        return tx.preparedQuery("INSERT INTO ticket (ticket_id, tenant_id, plugin_id, fingerprint, provider, title, assignee, report_ids, "
                        + "last_session_id, last_sequence, last_build_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, ARRAY[$8]::text[], $9, $10, $11) "
                        + "ON CONFLICT (tenant_id, fingerprint, provider) DO NOTHING RETURNING ticket_id")
                .execute(Tuple.from(new Object[] {id, r.tenantId(), r.pluginId(), r.fingerprint(), provider, r.title(), assignee,
                        r.reportId(), r.sessionId(), r.reloadSequence(), r.buildHash()}))
                .map(rows -> rows.size() == 0 ? null : id);
    }

    public Uni<Ticket> lockByKey(SqlClient tx, String tenant, String fingerprint, String provider) {
        return tx.preparedQuery(SELECT + "WHERE tenant_id = $1 AND fingerprint = $2 AND provider = $3 FOR UPDATE")
                .execute(Tuple.of(tenant, fingerprint, provider)).map(TicketRows::first);
    }

    public Uni<Ticket> lock(SqlClient tx, UUID id) {
        return tx.preparedQuery(SELECT + "WHERE ticket_id = $1 FOR UPDATE").execute(Tuple.of(id)).map(TicketRows::first);
    }

    /** The tickets a regression result is about: by fingerprint, else those holding its report. */
    public Uni<List<Ticket>> lockForRegression(SqlClient tx, String tenant, String fingerprint, String reportId) {
        return tx.preparedQuery(SELECT + "WHERE tenant_id = $1 AND (fingerprint = $2 OR ($2::text IS NULL AND $3 = ANY(report_ids))) "
                        + "ORDER BY ticket_id FOR UPDATE")
                .execute(Tuple.of(tenant, fingerprint, reportId)).map(TicketRows::all);
    }

    public Uni<Ticket> lockByTracker(SqlClient tx, String provider, String trackerKey) {
        return tx.preparedQuery(SELECT + "WHERE provider = $1 AND (tracker_key = $2 OR tracker_id = $2) FOR UPDATE")
                .execute(Tuple.of(provider, trackerKey)).map(TicketRows::first);
    }

    public Uni<Void> occurred(SqlClient tx, UUID id, String reportId, BuildMark build) {
        return tx.preparedQuery("UPDATE ticket SET occurrences = occurrences + 1, report_ids = array_append(report_ids, $2), "
                        + "last_session_id = $3, last_sequence = $4, last_build_hash = $5, last_occurrence_at = now(), updated_at = now() "
                        + "WHERE ticket_id = $1")
                .execute(Tuple.of(id, reportId, build.sessionId(), build.sequence(), build.buildHash())).replaceWithVoid();
    }

    public Uni<Void> closed(SqlClient tx, UUID id, ClosedBy by, Boolean asFixed, BuildMark verified, String runId) {
        return tx.preparedQuery("UPDATE ticket SET state = 'closed', closed_by = $2, closed_as_fixed = $3, verified_session_id = $4, "
                        + "verified_sequence = $5, verified_build_hash = $6, verified_run_id = $7, closed_at = now(), updated_at = now() "
                        + "WHERE ticket_id = $1")
                .execute(Tuple.from(new Object[] {id, by.wire(), asFixed, verified.sessionId(), verified.sequence(), verified.buildHash(), runId}))
                .replaceWithVoid();
    }

    public Uni<Void> reopened(SqlClient tx, UUID id) {
        return tx.preparedQuery("UPDATE ticket SET state = 'open', closed_by = NULL, closed_as_fixed = NULL, reopened_at = now(), "
                        + "updated_at = now() WHERE ticket_id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    public Uni<Ticket> linked(SqlClient tx, UUID id, String trackerId, String key, String url) {
        return tx.preparedQuery("UPDATE ticket SET tracker_id = $2, tracker_key = $3, url = $4, updated_at = now() WHERE ticket_id = $1 "
                        + "RETURNING " + TicketRows.COLUMNS).execute(Tuple.of(id, trackerId, key, url)).map(TicketRows::first);
    }

    public Uni<Ticket> find(SqlClient c, UUID id) {
        return c.preparedQuery(SELECT + "WHERE ticket_id = $1").execute(Tuple.of(id)).map(TicketRows::first);
    }

    /** {@code state} null: all. */
    public Uni<List<Ticket>> list(SqlClient c, String tenant, String pluginId, String state, int limit) {
        return c.preparedQuery(SELECT + "WHERE tenant_id = $1 AND ($2::text IS NULL OR plugin_id = $2) AND ($3::text IS NULL OR state = $3) "
                        + "ORDER BY created_at DESC LIMIT $4").execute(Tuple.of(tenant, pluginId, state, limit)).map(TicketRows::all);
    }

    /** Linked tickets of a tenant (optionally one plugin), for reconciliation. */
    public Uni<List<Ticket>> linkedOf(SqlClient c, String tenant, String pluginId) {
        return c.preparedQuery(SELECT + "WHERE tenant_id = $1 AND ($2::text IS NULL OR plugin_id = $2) AND tracker_id IS NOT NULL "
                + "AND provider <> 'local'").execute(Tuple.of(tenant, pluginId)).map(TicketRows::all);
    }

    /**
     * Tickets closed by a passed regression ÷ tickets whose fingerprint stopped recurring (closed, or no occurrence for
     * {@code quiet}); 1 when there are none yet.
     */
    public Uni<Double> autocloseRate(SqlClient c, Duration quiet) {
        return c.preparedQuery("SELECT count(*) FILTER (WHERE state = 'closed' AND closed_by = 'regression')::float8 "
                        + "/ greatest(count(*), 1), count(*) FROM ticket WHERE state = 'closed' "
                        + "OR last_occurrence_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) quiet.toSeconds()))
                .map(rows -> {
                    var row = rows.iterator().next();
                    return row.getLong(1) == 0 ? 1.0 : row.getDouble(0);
                });
    }
}
