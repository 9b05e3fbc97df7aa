package com.powerx.devhotload.session.service;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.ReloadFailure;
import com.powerx.devhotload.contracts.payload.Reloaded;
import com.powerx.devhotload.contracts.payload.SandboxCrashed;
import com.powerx.devhotload.contracts.payload.SandboxStopped;
import com.powerx.devhotload.platform.outbox.ProcessedEvents;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.session.domain.SandboxState;
import com.powerx.devhotload.session.domain.SessionStatus;
import com.powerx.devhotload.session.repository.ReloadRepository;
import com.powerx.devhotload.session.repository.SessionRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Applies what the orchestrator reports to the session and its reloads, once per event id. */
@ApplicationScoped
public class SandboxReports {

    private static final String CONSUMER = "session-service.sandbox";

    private final TransactionalOutbox outbox;
    private final SessionRepository sessions;
    private final ReloadRepository reloads;

    public SandboxReports(TransactionalOutbox outbox, SessionRepository sessions, ReloadRepository reloads) {
        this.outbox = outbox;
        this.sessions = sessions;
        this.reloads = reloads;
    }

    public Uni<Void> apply(CloudEvent event) {
        if (event.sessionid() == null) {
            return Uni.createFrom().voidItem();
        }
        UUID id = UUID.fromString(event.sessionid());
        Instant at = Instant.parse(event.time());
        return outbox.inTransaction(tx -> ProcessedEvents.once(tx, CONSUMER, event.id(), () -> switch (event.type()) {
            case EventTypes.SANDBOX_READY -> sessions.applySandboxState(tx, id, SessionStatus.ACTIVE, SandboxState.READY, null);
            case EventTypes.RELOADED -> reloaded(tx, id, EventCodec.payload(event, Reloaded.class), at);
            case EventTypes.ROLLED_BACK -> failed(tx, id, EventCodec.payload(event, ReloadFailure.class), "rolled-back", SandboxState.READY, at);
            case EventTypes.RELOAD_FAILED -> failed(tx, id, EventCodec.payload(event, ReloadFailure.class), "failed", SandboxState.FAILED, at);
            case EventTypes.SANDBOX_CRASHED -> {
                SandboxCrashed crash = EventCodec.payload(event, SandboxCrashed.class);
                yield sessions.applySandboxState(tx, id, null, crash.willRestart() ? SandboxState.CRASHED : SandboxState.FAILED, crash.error());
            }
            case EventTypes.SANDBOX_STOPPED -> sessions.applySandboxState(tx, id, null, SandboxState.STOPPED,
                    EventCodec.payload(event, SandboxStopped.class).error());
            default -> Uni.createFrom().voidItem();
        })).replaceWithVoid();
    }

    private Uni<Void> reloaded(SqlClient tx, UUID id, Reloaded r, Instant at) {
        return reloads.complete(tx, id, r.sequence(), "reloaded", null, r.durationMs(), at)
                .flatMap(v -> reloads.find(tx, id, r.sequence()))
                .flatMap(reload -> sessions.recordReloadOutcome(tx, id, r.sequence(), "reloaded", r.durationMs(), at,
                        reload == null ? null : reload.files()))
                .flatMap(v -> sessions.applySandboxState(tx, id, SessionStatus.ACTIVE, SandboxState.READY, null))
                .flatMap(v -> superseded(tx, id, r.supersededSequences(), at));
    }

    private Uni<Void> failed(SqlClient tx, UUID id, ReloadFailure f, String result, String sandboxState, Instant at) {
        return reloads.complete(tx, id, f.sequence(), result, f.error().message(), f.durationMs(), at)
                .flatMap(v -> sessions.recordReloadOutcome(tx, id, f.sequence(), result, f.durationMs(), at, null))
                .flatMap(v -> sessions.applySandboxState(tx, id, null, sandboxState, f.error().message()))
                .flatMap(v -> superseded(tx, id, f.supersededSequences(), at));
    }

    private Uni<Void> superseded(SqlClient tx, UUID id, List<Long> sequences, Instant at) {
        if (sequences == null || sequences.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(sequences)
                .onItem().transformToUniAndConcatenate(seq -> reloads.complete(tx, id, seq, "superseded", null, null, at))
                .collect().last().replaceWithVoid();
    }
}
