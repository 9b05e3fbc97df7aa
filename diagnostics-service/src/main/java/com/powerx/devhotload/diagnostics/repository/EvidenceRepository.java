package com.powerx.devhotload.diagnostics.repository;

import com.powerx.devhotload.diagnostics.domain.EvidenceEvent;
import com.powerx.devhotload.diagnostics.domain.ReportWindow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The evidence store: one statement per poll in, window reads out (newest first, so a cap keeps the latest). */
@ApplicationScoped
public class EvidenceRepository {

    private static final String COLUMNS = "event_time, event_id, tenant_id, plugin_id, session_id, trace_id, type, source, "
            + "source_seq, level, message, data";

    /** A whole poll in one round trip (unnest of column arrays); a redelivered event is skipped by its key. */
    public Uni<Integer> insertAll(SqlClient tx, List<EvidenceEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        int n = events.size();
        OffsetDateTime[] times = new OffsetDateTime[n];
        String[][] text = new String[10][n];
        Long[] seqs = new Long[n];
        for (int i = 0; i < n; i++) {
            EvidenceEvent e = events.get(i);
            times[i] = Times.utc(e.eventTime());
            text[0][i] = e.eventId();
            text[1][i] = e.tenantId();
            text[2][i] = e.pluginId();
            text[3][i] = e.sessionId();
            text[4][i] = e.traceId();
            text[5][i] = e.type();
            text[6][i] = e.source();
            text[7][i] = e.level();
            text[8][i] = e.message();
            text[9][i] = e.data();
            seqs[i] = e.sourceSeq();
        }
        return tx.preparedQuery("INSERT INTO evidence (" + COLUMNS + ") SELECT t, i, tn, p, s, tr, ty, src, seq, l, m, d FROM unnest("
                        + "$1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], "
                        + "$9::bigint[], $10::text[], $11::text[], $12::text[]) AS x(t, i, tn, p, s, tr, ty, src, seq, l, m, d) "
                        + "ON CONFLICT DO NOTHING")
                .execute(Tuple.from(new Object[] {times, text[0], text[1], text[2], text[3], text[4], text[5], text[6], seqs,
                        text[7], text[8], text[9]}))
                .map(rows -> rows.rowCount());
    }

    /** A session's (or, without one, a plugin's) events of the window, newest first, at most {@code limit}. */
    public Uni<List<EvidenceEvent>> window(SqlClient c, String tenant, String pluginId, String sessionId, ReportWindow window,
                                           String level, int limit) {
        return read(c, tenant, pluginId, sessionId, window, level, limit, "");
    }

    /** Only the log lines of the window at or above {@code level} (null: all), newest first. */
    public Uni<List<EvidenceEvent>> logs(SqlClient c, String tenant, String pluginId, String sessionId, ReportWindow window,
                                         String level, int limit) {
        return read(c, tenant, pluginId, sessionId, window, level, limit, " AND type = 'dev.session.log'");
    }

    private Uni<List<EvidenceEvent>> read(SqlClient c, String tenant, String pluginId, String sessionId, ReportWindow window,
                                          String level, int limit, String typeFilter) {
        String scope = sessionId != null ? "session_id = $2" : "plugin_id = $2";
        String levelFilter = (level == null ? "" : " AND level = ANY($6)") + typeFilter;
        Tuple args = Tuple.of(tenant, sessionId != null ? sessionId : pluginId, Times.utc(window.from()), Times.utc(window.to()), limit);
        if (level != null) {
            args.addArrayOfString(levelsAtLeast(level));
        }
        return c.preparedQuery("SELECT " + COLUMNS + " FROM evidence WHERE tenant_id = $1 AND " + scope
                        + " AND event_time >= $3 AND event_time <= $4" + levelFilter + " ORDER BY event_time DESC, source_seq DESC LIMIT $5")
                .execute(args)
                .map(rows -> {
                    List<EvidenceEvent> events = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        events.add(event(row));
                    }
                    return events;
                });
    }

    /** Log lines of the window beyond what a report read (the report says how many it let go). */
    public Uni<Long> countLogs(SqlClient c, String tenant, String pluginId, String sessionId, ReportWindow window) {
        String scope = sessionId != null ? "session_id = $2" : "plugin_id = $2";
        return c.preparedQuery("SELECT count(*) FROM evidence WHERE tenant_id = $1 AND " + scope
                        + " AND event_time >= $3 AND event_time <= $4 AND type = 'dev.session.log'")
                .execute(Tuple.of(tenant, sessionId != null ? sessionId : pluginId, Times.utc(window.from()), Times.utc(window.to())))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The outcome event of reload {@code sequence} of a session stored since {@code since}, or null while there is none. */
    public Uni<EvidenceEvent> reloadOutcome(SqlClient c, String tenant, String sessionId, long sequence, Instant since) {
        return c.preparedQuery("SELECT " + COLUMNS + " FROM evidence WHERE tenant_id = $1 AND session_id = $2 AND event_time >= $3 "
                        + "AND type IN ('dev.session.reloaded', 'dev.session.rolled-back', 'dev.session.reload.failed') "
                        + "AND (data::jsonb ->> 'sequence')::bigint = $4 ORDER BY event_time LIMIT 1")
                .execute(Tuple.of(tenant, sessionId, Times.utc(since), sequence))
                .map(rows -> rows.size() == 0 ? null : event(rows.iterator().next()));
    }

    /** The newest event time stored for a tenant (how far the store has caught up), or null. */
    public Uni<Instant> newestReceived(SqlClient c) {
        return c.query("SELECT max(received_at) FROM evidence WHERE received_at > now() - interval '1 hour'").execute()
                .map(rows -> Times.instant(rows.iterator().next().getOffsetDateTime(0)));
    }

    private static String[] levelsAtLeast(String level) {
        return switch (level) {
            case "error" -> new String[] {"error"};
            case "warn" -> new String[] {"warn", "error"};
            case "info" -> new String[] {"info", "warn", "error"};
            default -> new String[] {"debug", "info", "warn", "error"};
        };
    }

    private static EvidenceEvent event(Row row) {
        return new EvidenceEvent(Times.instant(row.getOffsetDateTime("event_time")), row.getString("event_id"),
                row.getString("tenant_id"), row.getString("plugin_id"), row.getString("session_id"), row.getString("trace_id"),
                row.getString("type"), row.getString("source"), row.getLong("source_seq"), row.getString("level"),
                row.getString("message"), row.getString("data"));
    }
}
