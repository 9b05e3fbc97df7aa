package com.powerx.devhotload.ticket.messaging;

import com.powerx.devhotload.platform.messaging.IdempotentConsumer;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.ticket.service.ActionQueue;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Transport for the bridge's three inputs: each record goes through the platform's idempotent consumer to its handler
 * and is acknowledged only once the intent it produced is stored; then the action worker is woken.
 */
@ApplicationScoped
public class TicketInputs {

    private final TransactionalOutbox outbox;
    private final ReportEvents reports;
    private final RegressionEvents regressions;
    private final AlertEvents alerts;
    private final ActionQueue queue;

    public TicketInputs(TransactionalOutbox outbox, ReportEvents reports, RegressionEvents regressions, AlertEvents alerts, ActionQueue queue) {
        this.outbox = outbox;
        this.reports = reports;
        this.regressions = regressions;
        this.alerts = alerts;
        this.queue = queue;
    }

    @Incoming("reports")
    public Uni<Void> report(byte[] record) {
        return IdempotentConsumer.consume(outbox, record, reports).invoke(queue::committed).replaceWithVoid();
    }

    @Incoming("regressions")
    public Uni<Void> regression(byte[] record) {
        return IdempotentConsumer.consume(outbox, record, regressions).invoke(queue::committed).replaceWithVoid();
    }

    @Incoming("alerts")
    public Uni<Void> alert(byte[] record) {
        return IdempotentConsumer.consume(outbox, record, alerts).invoke(queue::committed).replaceWithVoid();
    }
}
