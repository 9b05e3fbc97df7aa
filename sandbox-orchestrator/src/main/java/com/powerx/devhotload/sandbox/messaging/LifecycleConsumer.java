package com.powerx.devhotload.sandbox.messaging;

import com.powerx.devhotload.platform.messaging.IdempotentConsumer;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.sandbox.service.LifecycleInbox;
import com.powerx.devhotload.sandbox.service.SandboxLeases;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Transport for session-service's {@code dev.session.lifecycle} events: each record goes through the platform's
 * idempotent consumer to {@link LifecycleInbox} (a pending row for the session's owner, recorded once per event id),
 * and is acknowledged once that committed; a first delivery nudges the owner's intake.
 */
@ApplicationScoped
public class LifecycleConsumer {

    private final TransactionalOutbox outbox;
    private final LifecycleInbox inbox;
    private final SandboxLeases leases;

    public LifecycleConsumer(TransactionalOutbox outbox, LifecycleInbox inbox, SandboxLeases leases) {
        this.outbox = outbox;
        this.inbox = inbox;
        this.leases = leases;
    }

    @Incoming("session-lifecycle")
    public Uni<Void> consume(byte[] record) {
        return IdempotentConsumer.consume(outbox, record, inbox.handlerFor(record))
                .invoke(applied -> {
                    if (applied) {
                        leases.nudge();
                    }
                })
                .replaceWithVoid();
    }
}
