package com.powerx.devhotload.sandbox.service;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventPayload;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.platform.outbox.Outbox;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.sandbox.config.LeaseConfig;
import com.powerx.devhotload.sandbox.domain.Sandbox;
import com.powerx.devhotload.sandbox.repository.PendingLifecycleRepository;
import com.powerx.devhotload.sandbox.repository.SandboxRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Saves a sandbox's state together with the {@code dev.session.sandbox} event that reports it, in one transaction
 * (the outbox relays the event after commit). Called from session worker threads, never from the event loop.
 */
@ApplicationScoped
public class SandboxEvents {

    private final TransactionalOutbox outbox;
    private final SandboxRepository repository;
    private final PendingLifecycleRepository pending;
    private final String instanceId;
    private final int leaseMs;

    public SandboxEvents(TransactionalOutbox outbox, SandboxRepository repository, PendingLifecycleRepository pending,
                         com.powerx.devhotload.sandbox.config.InstanceIdentity instance, LeaseConfig leases) {
        this.outbox = outbox;
        this.repository = repository;
        this.pending = pending;
        this.instanceId = instance.value();
        this.leaseMs = leases.durationMs();
    }

    /** Its step has run. Best effort: a row left behind is only acted on again (idempotently) at the next start. */
    public void forgetPending(String eventId) {
        outbox.pool().withConnection(c -> pending.remove(c, eventId, instanceId)).subscribe().with(
                done -> { },
                failure -> Log.debugf("pending lifecycle event %s not forgotten: %s", eventId, failure.getMessage()));
    }

    /**
     * Saves {@code sandbox}, runs {@code alsoWrite}, appends the event; retried while the database is away.
     *
     * @throws OwnershipLostException when another instance owns the session now: nothing is written or reported
     */
    public void record(Sandbox sandbox, String type, EventPayload payload, Function<SqlClient, Uni<Void>> alsoWrite) {
        CloudEvent event = type == null ? null : CloudEvent.create(EventSources.SANDBOX_ORCHESTRATOR, type, sandbox.sessionId(),
                sandbox.tenantId(), sandbox.pluginId(), sandbox.sessionId(), payload);
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

    public Uni<Void> attempt(SqlClient tx, Sandbox sandbox, long sequence, String result, Long durationMs, Object phases, Object error) {
        return repository.saveAttempt(tx, sandbox.sessionId(), sequence, result, durationMs, phases, error);
    }

    public Uni<Void> version(SqlClient tx, Sandbox sandbox, long sequence) {
        return repository.saveVersion(tx, sandbox.sessionId(), sequence, sandbox.files);
    }

    public Uni<Void> superseded(SqlClient tx, Sandbox sandbox, List<Long> sequences) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Long sequence : sequences) {
            chain = chain.flatMap(v -> repository.saveAttempt(tx, sandbox.sessionId(), sequence, "superseded", null, null, null));
        }
        return chain;
    }

    /** Persists the plugin's state snapshot taken at {@code at}; a failure only costs the state a restart would restore. */
    public void saveState(Sandbox sandbox, Object state, java.time.Instant at) {
        try {
            outbox.pool().withConnection(c -> repository.saveState(c, sandbox.sessionId(), instanceId, state, at))
                    .await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            Log.warnf("state snapshot of session %s not saved: %s", sandbox.sessionId(), e.getMessage());
        }
    }

    public void record(Sandbox sandbox, String type, EventPayload payload) {
        record(sandbox, type, payload, null);
    }
}
