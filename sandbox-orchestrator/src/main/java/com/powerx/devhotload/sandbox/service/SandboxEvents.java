package com.powerx.devhotload.sandbox.service;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventPayload;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.platform.outbox.Outbox;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.platform.tracing.EventTraces;
import com.powerx.devhotload.sandbox.config.InstanceIdentity;
import com.powerx.devhotload.sandbox.config.LeaseConfig;
import com.powerx.devhotload.sandbox.domain.Sandbox;
import com.powerx.devhotload.sandbox.repository.SandboxRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.function.Function;

/**
 * The one event exit: saves a sandbox's state together with the {@code dev.session.sandbox} event that reports it, in
 * one transaction (the outbox relays the event after commit). Called from session worker threads, never from the
 * event loop.
 */
@ApplicationScoped
public class SandboxEvents {

    private final TransactionalOutbox outbox;
    private final SandboxRepository repository;
    private final String instanceId;
    private final int leaseMs;

    public SandboxEvents(TransactionalOutbox outbox, SandboxRepository repository, InstanceIdentity instance, LeaseConfig leases) {
        this.outbox = outbox;
        this.repository = repository;
        this.instanceId = instance.value();
        this.leaseMs = leases.durationMs();
    }

    /**
     * Saves {@code sandbox}, runs {@code alsoWrite}, appends the event; retried while the database is away.
     *
     * @throws OwnershipLostException when another instance owns the session now: nothing is written or reported
     */
    public void record(Sandbox sandbox, String type, EventPayload payload, Function<SqlClient, Uni<Void>> alsoWrite) {
        // Stamped here, on the worker thread where the step's span is current; the transaction's callbacks run elsewhere.
        CloudEvent event = type == null ? null : EventTraces.stamp(CloudEvent.create(EventSources.SANDBOX_ORCHESTRATOR, type,
                sandbox.sessionId(), sandbox.tenantId(), sandbox.pluginId(), sandbox.sessionId(), payload));
        try {
            outbox.inTransaction(tx -> repository.save(tx, sandbox, instanceId, leaseMs)
                            .flatMap(owned -> owned ? Uni.createFrom().voidItem()
                                    : Uni.createFrom().<Void>failure(new OwnershipLostException(sandbox.sessionId())))
                            .flatMap(v -> alsoWrite == null ? Uni.createFrom().voidItem() : alsoWrite.apply(tx))
                            .flatMap(v -> event == null ? Uni.createFrom().voidItem() : Outbox.append(tx, event)))
                    .onFailure(e -> !(e instanceof OwnershipLostException)).retry()
                    .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(10)
                    .await().atMost(Duration.ofMinutes(2));
        } catch (OwnershipLostException e) {
            throw e;
        } catch (RuntimeException e) {
            Log.errorf(e, "could not record %s for session %s", type, sandbox.sessionId());
        }
    }

    public void record(Sandbox sandbox, String type, EventPayload payload) {
        record(sandbox, type, payload, null);
    }
}
