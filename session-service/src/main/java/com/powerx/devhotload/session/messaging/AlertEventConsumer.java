package com.powerx.devhotload.session.messaging;

import com.powerx.devhotload.platform.messaging.IdempotentConsumer;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.session.service.AlertReports;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Transport for telemetry-ingest's {@code plugin.debug.alert} events: each record goes through the platform's
 * idempotent consumer to {@link AlertReports}, and is acknowledged once its effect committed.
 */
@ApplicationScoped
public class AlertEventConsumer {

    private final TransactionalOutbox outbox;
    private final AlertReports reports;

    public AlertEventConsumer(TransactionalOutbox outbox, AlertReports reports) {
        this.outbox = outbox;
        this.reports = reports;
    }

    @Incoming("alert-events")
    public Uni<Void> consume(byte[] record) {
        return IdempotentConsumer.consume(outbox, record, reports).replaceWithVoid();
    }
}
