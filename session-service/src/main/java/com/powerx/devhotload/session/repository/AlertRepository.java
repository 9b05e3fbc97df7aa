package com.powerx.devhotload.session.repository;

import com.powerx.devhotload.contracts.payload.Alert;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The open alerts of each session (a row per open alert), for the admin views' {@code openAlerts}. */
@ApplicationScoped
public class AlertRepository {

    /**
     * Records an open alert. Only for a session of the alert's own tenant: an event naming another tenant's session
     * must not show up in that tenant's counts. A repeat of an open alert (same id) changes nothing.
     */
    public Uni<Void> open(SqlClient tx, UUID sessionId, Alert alert) {
        return tx.preparedQuery("INSERT INTO dev_session_alert (alert_id, session_id, tenant_id, rule, severity, opened_at) "
                        + "SELECT $1, id, tenant_id, $3, $4, $5 FROM dev_session WHERE id = $2 AND tenant_id = $6 "
                        + "ON CONFLICT (alert_id) DO NOTHING")
                .execute(Tuple.from(new Object[] {alert.alertId(), sessionId, alert.rule(), alert.severity(),
                        SessionRepository.utc(alert.firstSeen()), alert.tenantId()}))
                .replaceWithVoid();
    }

    public Uni<Void> resolve(SqlClient tx, String alertId) {
        return tx.preparedQuery("DELETE FROM dev_session_alert WHERE alert_id = $1").execute(Tuple.of(alertId)).replaceWithVoid();
    }

    /** Open alerts per session for the given ids; sessions without any are absent from the map. */
    public Uni<Map<UUID, Integer>> openCounts(SqlClient c, List<UUID> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return c.preparedQuery("SELECT session_id, count(*) FROM dev_session_alert WHERE session_id = ANY($1) GROUP BY session_id")
                .execute(Tuple.of(sessionIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Integer> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getUUID(0), r.getLong(1).intValue()));
                    return out;
                });
    }
}
