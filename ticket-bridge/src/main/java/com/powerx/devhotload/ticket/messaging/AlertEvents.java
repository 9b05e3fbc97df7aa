package com.powerx.devhotload.ticket.messaging;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.Alert;
import com.powerx.devhotload.contracts.payload.AlertResolved;
import com.powerx.devhotload.platform.messaging.EventHandler;
import com.powerx.devhotload.ticket.service.AlertNotifications;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code plugin.debug.alert} and {@code .resolved}: queued as notifications, once per alert state change. */
@ApplicationScoped
public class AlertEvents implements EventHandler {

    private final AlertNotifications notifications;

    public AlertEvents(AlertNotifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public String consumerName() {
        return "ticket-bridge.alerts";
    }

    @Override
    public Uni<Void> handle(SqlClient tx, CloudEvent event) {
        String tenant = event.tenantid();
        if (EventTypes.ALERT_RAISED.equals(event.type())) {
            Alert alert = EventCodec.payload(event, Alert.class);
            return notifications.opened(tx, tenant == null ? alert.tenantId() : tenant, alert);
        }
        if (EventTypes.ALERT_RESOLVED.equals(event.type()) && tenant != null) {
            return notifications.resolved(tx, tenant, EventCodec.payload(event, AlertResolved.class));
        }
        return Uni.createFrom().voidItem();
    }
}
