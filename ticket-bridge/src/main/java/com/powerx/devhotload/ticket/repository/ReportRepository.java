package com.powerx.devhotload.ticket.repository;

import com.powerx.devhotload.ticket.domain.ReportFacts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Reports seen on {@code plugin.debug.report.ready}: the manual hand-off reads them by id. */
@ApplicationScoped
public class ReportRepository {

    public Uni<Void> remember(SqlClient tx, ReportFacts r) {
        return tx.preparedQuery("INSERT INTO report_seen (report_id, tenant_id, plugin_id, session_id, fingerprint, title, summary, severity, "
                        + "report_url, reload_sequence, build_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
                        + "ON CONFLICT (tenant_id, report_id) DO NOTHING")
                .execute(Tuple.from(new Object[] {r.reportId(), r.tenantId(), r.pluginId(), r.sessionId(), r.fingerprint(), r.title(),
                        r.summary(), r.severity(), r.reportUrl(), r.reloadSequence(), r.buildHash()}))
                .replaceWithVoid();
    }

    public Uni<ReportFacts> find(SqlClient c, String tenant, String reportId) {
        return c.preparedQuery("SELECT * FROM report_seen WHERE tenant_id = $1 AND report_id = $2").execute(Tuple.of(tenant, reportId))
                .map(rows -> rows.size() == 0 ? null : of(rows.iterator().next()));
    }

    private static ReportFacts of(Row r) {
        return new ReportFacts(r.getString("report_id"), r.getString("tenant_id"), r.getString("plugin_id"), r.getString("session_id"),
                r.getString("fingerprint"), r.getString("title"), r.getString("summary"), r.getString("severity"), r.getString("report_url"),
                r.getLong("reload_sequence"), r.getString("build_hash"));
    }
}
