package com.powerx.devhotload.session.service;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.ReloadFailure;
import com.powerx.devhotload.contracts.payload.Reloaded;
import com.powerx.devhotload.contracts.payload.SandboxCrashed;
import com.powerx.devhotload.contracts.payload.SandboxStopped;
import com.powerx.devhotload.platform.messaging.EventHandler;
import com.powerx.devhotload.contracts.state.ReloadResult;
import com.powerx.devhotload.contracts.state.SandboxState;
import com.powerx.devhotload.contracts.state.SessionStatus;
import com.powerx.devhotload.session.repository.ReloadRepository;
import com.powerx.devhotload.session.repository.SessionRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Applies what the orchestrator reports to the session and its reloads; the idempotent handler between
 * {@code SandboxEventConsumer} (transport) and the repositories, run once per event id by the platform.
 */
@ApplicationScoped
public class SandboxReports implements EventHandler {

    private final SessionRepository sessions;
    private final ReloadRepository reloads;

    public SandboxReports(SessionRepository sessions, ReloadRepository reloads) {
        this.sessions = sessions;
        this.reloads = reloads;
    }

    @Override
    public String consumerName() {
        return "session-service.sandbox";
    }

    @Override
    public Uni<Void> handle(SqlClient tx, CloudEvent event) {
        if (event.sessionid() == null) {
            return Uni.createFrom().voidItem();
        }
        UUID id = UUID.fromString(event.sessionid());
        Instant at = Instant.parse(event.time());
        return switch (event.type()) {
            case EventTypes.SANDBOX_READY -> sessions.applySandboxState(tx, id, SessionStatus.ACTIVE, SandboxState.READY, null);
            case EventTypes.RELOADED -> reloaded(tx, id, EventCodec.payload(event, Reloaded.class), at);
            case EventTypes.ROLLED_BACK -> failed(tx, id, EventCodec.payload(event, ReloadFailure.class), ReloadResult.ROLLED_BACK, SandboxState.READY, at);
            case EventTypes.RELOAD_FAILED -> failed(tx, id, EventCodec.payload(event, ReloadFailure.class), ReloadResult.FAILED, SandboxState.FAILED, at);
            case EventTypes.SANDBOX_CRASHED -> crashed(tx, id, EventCodec.payload(event, SandboxCrashed.class));
            case EventTypes.SANDBOX_STOPPED -> sessions.applySandboxState(tx, id, null, SandboxState.STOPPED,
                    EventCodec.payload(event, SandboxStopped.class).error());
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> crashed(SqlClient tx, UUID id, SandboxCrashed crash) {
        return sessions.applySandboxState(tx, id, null, crash.willRestart() ? SandboxState.CRASHED : SandboxState.FAILED, crash.error());
    }

    private Uni<Void> reloaded(SqlClient tx, UUID id, Reloaded r, Instant at) {
        return reloads.complete(tx, id, r.sequence(), ReloadResult.RELOADED, null, r.durationMs(), at)
                .flatMap(v -> reloads.find(tx, id, r.sequence()))
                .flatMap(reload -> sessions.recordReloadOutcome(tx, id, r.sequence(), ReloadResult.RELOADED, r.durationMs(), at,
                        reload == null ? null : reload.files()))
                .flatMap(v -> sessions.applySandboxState(tx, id, SessionStatus.ACTIVE, SandboxState.READY, null))
                .flatMap(v -> superseded(tx, id, r.supersededSequences(), at));
    }

    private Uni<Void> failed(SqlClient tx, UUID id, ReloadFailure f, ReloadResult result, SandboxState sandboxState, Instant at) {
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
                .onItem().transformToUniAndConcatenate(seq -> reloads.complete(tx, id, seq, ReloadResult.SUPERSEDED, null, null, at))
                .collect().last().replaceWithVoid();
    }
}
