package com.powerx.devhotload.session.service;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.Alert;
import com.powerx.devhotload.contracts.payload.AlertResolved;
import com.powerx.devhotload.platform.messaging.EventHandler;
import com.powerx.devhotload.session.repository.AlertRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Keeps the open alerts of each session from telemetry-ingest's {@code plugin.debug.alert} events; the idempotent
 * handler between {@code AlertEventConsumer} (transport) and {@link AlertRepository}. Per-plugin alerts (no session)
 * are not counted on any session.
 */
@ApplicationScoped
public class AlertReports implements EventHandler {

    private final AlertRepository alerts;

    public AlertReports(AlertRepository alerts) {
        this.alerts = alerts;
    }

    @Override
    public String consumerName() {
        return "session-service.alerts";
    }

    @Override
    public Uni<Void> handle(SqlClient tx, CloudEvent event) {
        return switch (event.type()) {
            case EventTypes.ALERT_RAISED -> raised(tx, EventCodec.payload(event, Alert.class));
            case EventTypes.ALERT_RESOLVED -> alerts.resolve(tx, EventCodec.payload(event, AlertResolved.class).alertId());
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> raised(SqlClient tx, Alert alert) {
        UUID sessionId = sessionId(alert.sessionId());
        return sessionId == null ? Uni.createFrom().voidItem() : alerts.open(tx, sessionId, alert);
    }

    /** Null for no session or one that is not a session id of ours (nothing to count it on). */
    private static UUID sessionId(String raw) {
        try {
            return raw == null ? null : UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
