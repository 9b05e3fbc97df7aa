package com.powerx.devhotload.sandbox.repository;

import com.powerx.devhotload.contracts.state.ReloadResult;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.sandbox.config.InstanceIdentity;
import com.powerx.devhotload.sandbox.domain.Sandbox;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the lifecycle steps store besides the sandbox row: reload attempts and versions (written on the transaction of
 * the event that reports them, see {@code SandboxEvents}), plugin state snapshots, and the inbox rows they are done with.
 */
@ApplicationScoped
public class SandboxStore {

    private final TransactionalOutbox outbox;
    private final SandboxRepository repository;
    private final PendingLifecycleRepository pending;
    private final String instanceId;

    public SandboxStore(TransactionalOutbox outbox, SandboxRepository repository, PendingLifecycleRepository pending,
                        InstanceIdentity instance) {
        this.outbox = outbox;
        this.repository = repository;
        this.pending = pending;
        this.instanceId = instance.value();
    }

    /** Its step has run. Best effort: a row left behind is only acted on again (idempotently) at the next start. */
    public void forgetPending(String eventId) {
        outbox.pool().withConnection(c -> pending.remove(c, eventId, instanceId)).subscribe().with(
                done -> { },
                failure -> Log.debugf("pending lifecycle event %s not forgotten: %s", eventId, failure.getMessage()));
    }

    public Uni<Void> attempt(SqlClient tx, Sandbox sandbox, long sequence, ReloadResult result, Long durationMs, Object phases,
                             Object error) {
        return repository.saveAttempt(tx, sandbox.sessionId(), sequence, result, durationMs, phases, error);
    }

    public Uni<Void> version(SqlClient tx, Sandbox sandbox, long sequence) {
        return repository.saveVersion(tx, sandbox.sessionId(), sequence, sandbox.files());
    }

    public Uni<Void> superseded(SqlClient tx, Sandbox sandbox, List<Long> sequences) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Long sequence : sequences) {
            chain = chain.flatMap(v -> repository.saveAttempt(tx, sandbox.sessionId(), sequence, ReloadResult.SUPERSEDED, null,
                    null, null));
        }
        return chain;
    }

    /** Persists the plugin's state snapshot taken at {@code at}; a failure only costs the state a restart would restore. */
    public void saveState(Sandbox sandbox, Object state, Instant at) {
        try {
            outbox.pool().withConnection(c -> repository.saveState(c, sandbox.sessionId(), instanceId, state, at))
                    .await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            Log.warnf("state snapshot of session %s not saved: %s", sandbox.sessionId(), e.getMessage());
        }
    }
}
