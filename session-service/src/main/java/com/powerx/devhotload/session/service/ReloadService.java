package com.powerx.devhotload.session.service;

import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.JsonText;
import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.contracts.payload.ReloadRecorded;
import com.powerx.devhotload.contracts.payload.ReloadRequested;
import com.powerx.devhotload.contracts.state.ReloadStatus;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.platform.api.Violation;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.session.config.DevApiConfig;
import com.powerx.devhotload.session.domain.BundleRules;
import com.powerx.devhotload.session.domain.FileChanges;
import com.powerx.devhotload.session.domain.Reload;
import com.powerx.devhotload.session.domain.ReloadCommand;
import com.powerx.devhotload.session.domain.ReloadCommand.Strategy;
import com.powerx.devhotload.session.domain.ReloadTokens;
import com.powerx.devhotload.session.domain.Session;
import com.powerx.devhotload.session.repository.BlobRepository;
import com.powerx.devhotload.session.repository.IdempotencyRepository;
import com.powerx.devhotload.session.repository.ReloadRepository;
import com.powerx.devhotload.session.repository.SessionRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Accepts reloads: checks the token, assigns the server sequence, derives the file list, and either records a failed
 * build, waits for missing blobs, or asks the sandbox to apply it — the request row, the idempotency key and the event
 * commit together, so a retried request with the same {@code x-reload-id} never causes a second reload.
 */
@ApplicationScoped
public class ReloadService {

    private final TransactionalOutbox outbox;
    private final SessionRepository sessions;
    private final ReloadRepository reloads;
    private final BlobRepository blobs;
    private final IdempotencyRepository idempotency;
    private final AuditLog audit;
    private final RateLimiter rateLimiter;
    private final DevApiConfig config;

    public ReloadService(TransactionalOutbox outbox, SessionRepository sessions, ReloadRepository reloads, BlobRepository blobs,
                         IdempotencyRepository idempotency, AuditLog audit, RateLimiter rateLimiter, DevApiConfig config) {
        this.outbox = outbox;
        this.sessions = sessions;
        this.reloads = reloads;
        this.blobs = blobs;
        this.idempotency = idempotency;
        this.audit = audit;
        this.rateLimiter = rateLimiter;
        this.config = config;
    }

    /** A reload answer and whether it is a replay of an earlier one. */
    public record Accepted(ReloadOutcome outcome, boolean replayed) {
    }

    /** The client's {@code x-reload-id} and the hash of its request, which a replay must match. */
    public record IdempotencyKey(String key, byte[] requestHash) {
    }

    /**
     * Accepts a reload. The session is read and its token checked first, so that the tenant's rate limit (Redis) is
     * consulted before the transaction takes the session's row lock, never while holding it.
     */
    @WithSpan("ReloadService.reload")
    public Uni<Accepted> reload(Caller caller, ReloadCommand command, IdempotencyKey key) {
        return outbox.pool().withConnection(c -> sessions.findById(c, command.sessionId()))
                .map(session -> authorized(session, command.token()))
                .call(session -> rateLimiter.check(session.tenantId(), "reload", config.rateLimit().reload()))
                .flatMap(unlocked -> outbox.inTransaction(tx -> sessions.findForUpdate(tx, command.sessionId())
                        .map(session -> authorized(session, command.token()))
                        .flatMap(session -> key == null
                                ? accept(tx, caller, session, command).map(o -> new Accepted(o, false))
                                : acceptOnce(tx, caller, session, command, key))));
    }

    /** Admin reload: re-applies the session's current bundle (CONTRACT.md §3 admin API), on the admin's transaction. */
    @WithSpan("ReloadService.reapply")
    public Uni<ReloadOutcome> reapply(SqlClient tx, Caller caller, Session session) {
        return accept(tx, caller, session, ReloadCommand.reapply(session));
    }

    private static Session authorized(Session session, String token) {
        if (session == null) {
            throw ApiException.notFound("session");
        }
        if (!ReloadTokens.matches(token, session.reloadTokenHash())) {
            throw ApiException.unauthorized("invalid reload token");
        }
        if (!session.isLive()) {
            throw SessionLifecycle.ended();
        }
        return session;
    }

    /** With {@code x-reload-id}: the first request is accepted and its answer kept; a replay gets that answer back. */
    private Uni<Accepted> acceptOnce(SqlClient tx, Caller caller, Session session, ReloadCommand command, IdempotencyKey key) {
        return idempotency.find(tx, session.id(), key.key(), config.idempotencyTtl()).flatMap(stored -> {
            if (stored == null) {
                return accept(tx, caller, session, command)
                        .call(o -> idempotency.insert(tx, session.id(), key.key(), key.requestHash(), 202, JsonText.write(o)))
                        .map(o -> new Accepted(o, false));
            }
            if (!Arrays.equals(stored.requestHash(), key.requestHash())) {
                throw new ApiException(ErrorCode.DEV_RELOAD_CONFLICT, "idempotency_key_reused",
                        "x-reload-id " + key.key() + " was already used with a different request", Map.of("reloadId", key.key()), null);
            }
            return Uni.createFrom().item(new Accepted(JsonText.read(stored.response(), ReloadOutcome.class), true));
        });
    }

    private Uni<ReloadOutcome> accept(SqlClient tx, Caller caller, Session session, ReloadCommand command) {
        List<FileRef> files = fileList(session, command);
        return sessions.nextSequence(tx, session.id(), Instant.now().plus(config.sessionTtl()))
                .flatMap(sequence -> missingBlobs(tx, session, command, files)
                        .flatMap(missing -> record(tx, caller, session, command, newReload(session, command, sequence, files, missing), missing)));
    }

    private Uni<List<String>> missingBlobs(SqlClient tx, Session session, ReloadCommand command, List<FileRef> files) {
        return command.buildFailed() ? Uni.createFrom().item(List.of()) : blobs.missing(tx, session.tenantId(), BlobService.hashes(files));
    }

    private static Reload newReload(Session session, ReloadCommand command, long sequence, List<FileRef> files, List<String> missing) {
        ReloadStatus status = command.buildFailed() ? ReloadStatus.RECORDED
                : missing.isEmpty() ? ReloadStatus.ACCEPTED : ReloadStatus.WAITING_FOR_FILES;
        return new Reload(session.id(), sequence, UUID.randomUUID(), command.clientSequence(), command.strategy().wire(), files,
                command.changedPaths(), command.buildHash(), status, null, null, null, Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
    }

    /** The reload row, the session's new file list, the event its status calls for and the audit record. */
    private Uni<ReloadOutcome> record(SqlClient tx, Caller caller, Session session, ReloadCommand command, Reload reload, List<String> missing) {
        return reloads.insert(tx, reload, !command.buildFailed(), command.error(), command.diagnostics(), command.requestedBy())
                .call(v -> command.buildFailed() ? Uni.createFrom().voidItem() : sessions.updateFiles(tx, session.id(), reload.files(), command.buildHash()))
                .call(v -> emit(tx, session, command, reload))
                .call(v -> audit.record(tx, caller, session.tenantId(), "reload", session.id(), reload.status().wire(), null))
                .replaceWith(new ReloadOutcome(session.id(), reload.sequence(), reload.reloadId(), reload.status(), missing,
                        command.clientSequence(), null));
    }

    private static Uni<Void> emit(SqlClient tx, Session session, ReloadCommand command, Reload reload) {
        return switch (reload.status()) {
            case RECORDED -> SessionEvents.emit(tx, session, EventTypes.RELOAD_RECORDED, new ReloadRecorded(session.id().toString(),
                    reload.sequence(), reload.reloadId().toString(), false, command.error(), command.diagnostics(), command.durationMs(),
                    command.buildHash(), command.clientSequence()));
            case ACCEPTED -> requested(tx, session, reload, command.requestedBy());
            case WAITING_FOR_FILES -> Uni.createFrom().voidItem(); // emitted once the last blob arrives
        };
    }

    static Uni<Void> requested(SqlClient tx, Session session, Reload r, String requestedBy) {
        return SessionEvents.emit(tx, session, EventTypes.RELOAD_REQUESTED, new ReloadRequested(session.id().toString(), r.sequence(),
                r.reloadId().toString(), r.strategy(), r.files(), r.changedFiles(), r.buildHash(), r.clientSequence(), r.requestedAt(),
                requestedBy, null));
    }

    private static List<FileRef> fileList(Session session, ReloadCommand command) {
        if (command.strategy() == Strategy.ROLLBACK) {
            return session.goodFiles() != null ? session.goodFiles() : session.files();
        }
        if (command.files() != null) {
            return command.files().stream().sorted(Comparator.comparing(FileRef::path)).toList();
        }
        if (!session.hasBundle()) {
            // CONTRACT §3: no bundle, nothing to derive — changedFiles travel in the event as sent
            return List.of();
        }
        List<Violation> violations = BundleRules.newList();
        List<FileRef> derived = FileChanges.apply(session.files(), command.changes(), violations);
        if (!violations.isEmpty()) {
            throw ApiException.invalid(violations);
        }
        return derived;
    }
}
