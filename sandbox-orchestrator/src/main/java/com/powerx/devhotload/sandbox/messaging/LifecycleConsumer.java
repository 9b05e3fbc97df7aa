package com.powerx.devhotload.sandbox.messaging;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.InvalidEventException;
import com.powerx.devhotload.platform.outbox.ProcessedEvents;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.sandbox.service.SandboxLeases;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Session lifecycle from session-service ({@code dev.session.lifecycle}). Each event id is recorded once (so a
 * redelivery starts nothing twice), together with a pending row addressed to the instance that owns the event's
 * session (this one, or the replica that runs its sandbox), which acts on it and deletes it once its step has run (so
 * a crash in between loses nothing); the record is acknowledged after that commit. A malformed record is logged and
 * skipped.
 */
@ApplicationScoped
public class LifecycleConsumer {

    private static final String CONSUMER = "sandbox-orchestrator.lifecycle";

    private final TransactionalOutbox outbox;
    private final SandboxLeases leases;

    public LifecycleConsumer(TransactionalOutbox outbox, SandboxLeases leases) {
        this.outbox = outbox;
        this.leases = leases;
    }

    @Incoming("session-lifecycle")
    public Uni<Void> consume(byte[] record) {
        CloudEvent event;
        try {
            event = EventCodec.decode(record);
            if (event.sessionid() == null) {
                return Uni.createFrom().voidItem();
            }
            EventCodec.payload(event); // contract check before anything is recorded
        } catch (InvalidEventException | IllegalArgumentException e) {
            Log.warnf("skipping malformed lifecycle event: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        return outbox.inTransaction(tx -> ProcessedEvents.once(tx, CONSUMER, event.id(),
                        () -> leases.route(tx, event, new String(record, StandardCharsets.UTF_8))))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely()
                .invoke(first -> {
                    if (first) {
                        leases.nudge();
                    }
                })
                .replaceWithVoid();
    }
}
