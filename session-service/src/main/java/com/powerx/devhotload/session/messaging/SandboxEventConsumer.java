package com.powerx.devhotload.session.messaging;

import com.powerx.devhotload.platform.messaging.IdempotentConsumer;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.session.service.SandboxReports;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Transport for the orchestrator's {@code dev.session.sandbox} events: each record goes through the platform's
 * idempotent consumer to {@link SandboxReports}, and is acknowledged once its effect committed.
 */
@ApplicationScoped
public class SandboxEventConsumer {

    private final TransactionalOutbox outbox;
    private final SandboxReports reports;

    public SandboxEventConsumer(TransactionalOutbox outbox, SandboxReports reports) {
        this.outbox = outbox;
        this.reports = reports;
    }

    @Incoming("sandbox-events")
    public Uni<Void> consume(byte[] record) {
        return IdempotentConsumer.consume(outbox, record, reports).replaceWithVoid();
    }
}
