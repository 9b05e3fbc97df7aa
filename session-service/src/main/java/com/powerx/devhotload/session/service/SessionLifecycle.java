package com.powerx.devhotload.session.service;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.SessionExpired;
import com.powerx.devhotload.contracts.payload.SessionTerminated;
import com.powerx.devhotload.contracts.payload.SessionUpdated;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.session.config.DevApiConfig;
import com.powerx.devhotload.session.domain.ReloadTokens;
import com.powerx.devhotload.session.domain.Session;
import com.powerx.devhotload.contracts.state.SessionStatus;
import com.powerx.devhotload.session.repository.SessionRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Ends, keeps alive and resumes sessions; expires idle ones. Every change and its event commit together. */
@ApplicationScoped
public class SessionLifecycle {

    /** The answer to a terminate: the session and the note it ended with. */
    public record Ended(UUID sessionId, SessionStatus status, String note, UUID auditId) {
    }

    private final TransactionalOutbox outbox;
    private final SessionRepository sessions;
    private final SessionAccess access;
    private final AuditLog audit;
    private final DevApiConfig config;

    public SessionLifecycle(TransactionalOutbox outbox, SessionRepository sessions, SessionAccess access, AuditLog audit, DevApiConfig config) {
        this.outbox = outbox;
        this.sessions = sessions;
        this.access = access;
        this.audit = audit;
        this.config = config;
    }

    /** Ends a live session on {@code tx} and emits terminated/expired; null when it had already ended. */
    Uni<Session> endInTx(SqlClient tx, Caller caller, UUID id, SessionStatus status, String note, Instant at) {
        return sessions.end(tx, id, status, note, at).flatMap(ended -> {
            if (ended == null) {
                return Uni.createFrom().nullItem();
            }
            Uni<Void> event = status == SessionStatus.EXPIRED
                    ? SessionEvents.emit(tx, ended, EventTypes.SESSION_EXPIRED, new SessionExpired(ended.id().toString(), ended.lastReloadAt(), at))
                    : SessionEvents.emit(tx, ended, EventTypes.SESSION_TERMINATED, new SessionTerminated(ended.id().toString(), note, note,
                    caller == null ? "system" : AuditLog.actor(caller, id), at));
            return event.replaceWith(ended);
        });
    }

    /** Terminates (idempotently: an ended session answers with its current status and note). */
    @WithSpan("SessionLifecycle.terminate")
    public Uni<Ended> terminate(Caller caller, UUID id, String note, String action) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return outbox.inTransaction(tx -> access.resolve(tx, caller, id, true)
                .flatMap(session -> endInTx(tx, caller, id, SessionStatus.TERMINATED, note, now)
                        .flatMap(ended -> {
                            Session current = ended != null ? ended : session;
                            return audit.record(tx, caller, session.tenantId(), action, id, ended != null ? "success" : "already-ended", note)
                                    .map(auditId -> new Ended(id, current.status(), current.terminationNote(), auditId));
                        })));
    }

    /**
     * Extends the idle expiry; 410 for an ended session. Audited like every state-changing call (CONTRACT.md §3):
     * a CLI beats about twice a minute, a row each, which the audit query's filters handle.
     */
    @WithSpan("SessionLifecycle.heartbeat")
    public Uni<Instant> heartbeat(Caller caller, UUID id) {
        return outbox.inTransaction(tx -> access.resolve(tx, caller, id, false)
                .flatMap(session -> sessions.touch(tx, id, Instant.now().plus(config.sessionTtl()))
                        .flatMap(expiresAt -> {
                            if (expiresAt == null) {
                                throw ended();
                            }
                            return audit.record(tx, caller, session.tenantId(), "heartbeat", id, "success", null).replaceWith(expiresAt);
                        })));
    }

    /** Extends the expiry for a read made with the session's own token (CONTRACT.md §3). */
    @WithSpan("SessionLifecycle.touchForTokenRead")
    public Uni<Void> touchForTokenRead(Caller caller, Session session) {
        if (caller.kind() != Caller.Kind.RELOAD_TOKEN || !session.isLive()) {
            return Uni.createFrom().voidItem();
        }
        return outbox.pool().withConnection(c -> sessions.touch(c, session.id(), Instant.now().plus(config.sessionTtl()))).replaceWithVoid();
    }

    /** Issues a new reload token for an active session; the old one stops working at once. */
    @WithSpan("SessionLifecycle.resume")
    public Uni<String> resume(Caller caller, UUID id) {
        if (!caller.hasTenant()) {
            throw ApiException.unauthorized("developer credentials required to resume a session");
        }
        String token = ReloadTokens.newToken();
        return outbox.inTransaction(tx -> access.resolve(tx, caller, id, true).flatMap(session -> {
            if (!session.isLive()) {
                throw ended();
            }
            Instant expiresAt = Instant.now().plus(config.sessionTtl());
            return sessions.replaceTokenHash(tx, id, ReloadTokens.hash(token))
                    .flatMap(v -> sessions.touch(tx, id, expiresAt))
                    .flatMap(v -> SessionEvents.emit(tx, session, EventTypes.SESSION_UPDATED, new SessionUpdated(id.toString(), session.status().wire(),
                            session.sandboxState().wire(), null, null, expiresAt, ReloadTokens.hashHex(token), null, "resumed")))
                    .flatMap(v -> audit.record(tx, caller, session.tenantId(), "resume", id, "success", null))
                    .replaceWith(token);
        }));
    }

    /** Ends idle sessions. Safe with several replicas: each row is claimed with SKIP LOCKED and ended once. */
    @Scheduled(every = "${px.dev.expiry-check:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> expireIdleSessions() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return outbox.inTransaction(tx -> sessions.expireIdle(tx, now, 200)
                        .flatMap(expired -> Multi.createFrom().iterable(expired)
                                .onItem().transformToUniAndConcatenate(s -> SessionEvents.emit(tx, s, EventTypes.SESSION_EXPIRED,
                                        new SessionExpired(s.id().toString(), s.lastReloadAt(), s.expiresAt())))
                                .collect().asList()
                                .map(List::size)))
                .invoke(n -> { if (n > 0) Log.infof("expired %d idle session(s)", n); })
                .onFailure().invoke(e -> Log.warnf("expiry pass failed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    static ApiException ended() {
        return new ApiException(com.powerx.devhotload.platform.api.ErrorCode.DEV_SESSION_ENDED, "session_ended", "the session has ended");
    }

    static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
