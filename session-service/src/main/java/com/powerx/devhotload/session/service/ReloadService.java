package com.powerx.devhotload.session.service;

import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.BuildDiagnostic;
import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.contracts.payload.ReloadRecorded;
import com.powerx.devhotload.contracts.payload.ReloadRequested;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.platform.api.Violation;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.session.config.DevApiConfig;
import com.powerx.devhotload.session.domain.BundleRules;
import com.powerx.devhotload.session.domain.FileChanges;
import com.powerx.devhotload.session.domain.ReloadTokens;
import com.powerx.devhotload.session.domain.Session;
import com.powerx.devhotload.session.repository.BlobRepository;
import com.powerx.devhotload.session.repository.IdempotencyRepository;
import com.powerx.devhotload.session.repository.ReloadRepository;
import com.powerx.devhotload.session.repository.ReloadRepository.Reload;
import com.powerx.devhotload.session.repository.SessionRepository;
import com.powerx.devhotload.session.rest.ReloadRequest;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Accepts reloads: checks the token, assigns the server sequence, derives the file list, and either records a failed
 * build, waits for missing blobs, or asks the sandbox to apply it — the request row, the idempotency key and the event
 * commit together, so a retried request with the same {@code x-reload-id} never causes a second reload.
 */
@ApplicationScoped
public class ReloadService {

    private static final Set<String> STRATEGIES = Set.of("diff", "full", "rollback");

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
        this.rateLimiter = rateLimiter;
        this.outbox = outbox;
        this.sessions = sessions;
        this.reloads = reloads;
        this.blobs = blobs;
        this.idempotency = idempotency;
        this.audit = audit;
        this.config = config;
    }

    /** A reload answer and whether it is a replay of an earlier one. */
    public record Accepted(ReloadOutcome outcome, boolean replayed) {
    }

    @WithSpan("ReloadService.reload")
    public Uni<Accepted> reload(Caller caller, ReloadRequest request, String idempotencyKey, byte[] requestHash) {
        UUID id = SessionAccess.parseId(request.sessionId());
        String token = request.reloadToken() != null ? request.reloadToken() : caller.reloadTokenValue().orElse(null);
        if (token == null) {
            throw ApiException.unauthorized("reload token required (body reloadToken or Authorization: Bearer)");
        }
        String strategy = request.strategy() == null ? "diff" : request.strategy();
        if (!STRATEGIES.contains(strategy)) {
            throw ApiException.invalid("strategy", "must be diff, full or rollback");
        }
        List<Violation> violations = BundleRules.newList();
        List<FileChanges.Change> changes = FileChanges.parse(request.changedFiles(), violations);
        if (request.files() != null) {
            BundleRules.checkFiles("files", request.files(), config.maxFiles(), config.maxBundleBytes(), violations);
        }
        if (!violations.isEmpty()) {
            throw ApiException.invalid(violations);
        }
        return outbox.inTransaction(tx -> sessions.findForUpdate(tx, id).flatMap(session -> {
            if (session == null) {
                throw ApiException.notFound("session");
            }
            if (!ReloadTokens.matches(token, session.reloadTokenHash())) {
                throw ApiException.unauthorized("invalid reload token");
            }
            if (!session.isLive()) {
                throw SessionLifecycle.ended();
            }
            return rateLimiter.check(session.tenantId(), "reload", config.rateLimit().reload()).flatMap(allowed -> {
            if (idempotencyKey == null) {
                return accept(tx, caller, session, request, strategy, changes, "developer").map(o -> new Accepted(o, false));
            }
            return idempotency.find(tx, id, idempotencyKey, config.idempotencyTtl()).flatMap(stored -> {
                if (stored != null) {
                    if (!Arrays.equals(stored.requestHash(), requestHash)) {
                        throw new ApiException(ErrorCode.DEV_RELOAD_CONFLICT, "idempotency_key_reused",
                                "x-reload-id " + idempotencyKey + " was already used with a different request", Map.of("reloadId", idempotencyKey), null);
                    }
                    return Uni.createFrom().item(new Accepted(read(stored.response()), true));
                }
                return accept(tx, caller, session, request, strategy, changes, "developer")
                        .call(o -> idempotency.insert(tx, id, idempotencyKey, requestHash, 202, write(o)))
                        .map(o -> new Accepted(o, false));
            });
            });
        }));
    }

    /** Admin reload: re-applies the session's current bundle (CONTRACT.md §3 admin API). */
    public Uni<ReloadOutcome> reapply(SqlClient tx, Caller caller, Session session, String reason) {
        ReloadRequest request = new ReloadRequest(session.id().toString(), null, List.of(), session.files(), null, session.buildHash(),
                null, "full", List.of(), true, null, Map.of("reason", reason == null ? "" : reason));
        return accept(tx, caller, session, request, "full", List.of(), "admin");
    }

    private Uni<ReloadOutcome> accept(SqlClient tx, Caller caller, Session session, ReloadRequest request, String strategy,
                                      List<FileChanges.Change> changes, String requestedBy) {
        List<FileRef> files = fileList(session, request, strategy, changes);
        boolean buildFailed = Boolean.FALSE.equals(request.success()) || hasError(request.diagnostics());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        UUID reloadId = UUID.randomUUID();
        List<String> changedPaths = FileChanges.paths(changes);
        return sessions.nextSequence(tx, session.id(), now.plus(config.sessionTtl()))
                .flatMap(sequence -> (buildFailed ? Uni.createFrom().item(List.<String>of()) : blobs.missing(tx, session.tenantId(), BlobService.hashes(files)))
                        .flatMap(missing -> {
                            String status = buildFailed ? "recorded" : missing.isEmpty() ? "accepted" : "waiting-for-files";
                            Reload reload = new Reload(session.id(), sequence, reloadId, request.sequence(), strategy, files, changedPaths,
                                    request.buildHash(), status, null, null, null, now, null);
                            ReloadOutcome outcome = new ReloadOutcome(session.id(), sequence, reloadId, status, missing, request.sequence(), null);
                            return reloads.insert(tx, reload, !buildFailed, errorText(request), request.diagnostics(), requestedBy)
                                    .flatMap(v -> buildFailed ? Uni.createFrom().voidItem() : sessions.updateFiles(tx, session.id(), files, request.buildHash()))
                                    .flatMap(v -> switch (status) {
                                        case "recorded" -> SessionEvents.emit(tx, session, EventTypes.RELOAD_RECORDED, new ReloadRecorded(
                                                session.id().toString(), sequence, reloadId.toString(), false, errorText(request), request.diagnostics(),
                                                request.durationMs(), request.buildHash(), request.sequence()));
                                        case "accepted" -> requested(tx, session, reload, requestedBy);
                                        default -> Uni.createFrom().voidItem(); // emitted once the last blob arrives
                                    })
                                    .flatMap(v -> audit.record(tx, caller, session.tenantId(), "reload", session.id(), status, null))
                                    .replaceWith(outcome);
                        }));
    }

    private static Uni<Void> requested(SqlClient tx, Session session, Reload r, String requestedBy) {
        return SessionEvents.emit(tx, session, EventTypes.RELOAD_REQUESTED, new ReloadRequested(session.id().toString(), r.sequence(),
                r.reloadId().toString(), r.strategy(), r.files(), r.changedFiles(), r.buildHash(), r.clientSequence(), r.requestedAt(),
                requestedBy, null));
    }

    /** Sends the reloads whose blobs have all arrived now; called on the transaction that recorded a blob. */
    Uni<Void> releaseWaitingReloads(SqlClient tx, String tenant) {
        return reloads.waitingForFiles(tx, tenant)
                .flatMap(waiting -> Multi.createFrom().iterable(waiting)
                        .onItem().transformToUniAndConcatenate(r -> blobs.missing(tx, tenant, BlobService.hashes(r.files()))
                                .flatMap(missing -> !missing.isEmpty() ? Uni.createFrom().voidItem()
                                        : reloads.markStatus(tx, r.sessionId(), r.sequence(), "accepted")
                                        .flatMap(v -> sessions.findById(tx, r.sessionId()))
                                        .flatMap(session -> requested(tx, session, r, "developer"))))
                        .collect().last())
                .replaceWithVoid();
    }

    private static List<FileRef> fileList(Session session, ReloadRequest request, String strategy, List<FileChanges.Change> changes) {
        if (strategy.equals("rollback")) {
            return session.goodFiles() != null ? session.goodFiles() : session.files();
        }
        if (request.files() != null) {
            return request.files().stream().sorted(java.util.Comparator.comparing(FileRef::path)).toList();
        }
        if (FileChanges.notificationOnly(session.files())) {
            // CONTRACT §3: no bundle, nothing to derive — changedFiles travel in the event as sent
            return List.of();
        }
        List<Violation> violations = BundleRules.newList();
        List<FileRef> derived = FileChanges.apply(session.files(), changes, violations);
        if (!violations.isEmpty()) {
            throw ApiException.invalid(violations);
        }
        return derived;
    }

    private static boolean hasError(List<BuildDiagnostic> diagnostics) {
        return diagnostics != null && diagnostics.stream().anyMatch(d -> d != null && "error".equalsIgnoreCase(d.level()));
    }

    private static String errorText(ReloadRequest request) {
        if (request.error() == null || request.error().isNull()) {
            return null;
        }
        return request.error().isTextual() ? request.error().asText() : request.error().toString();
    }

    /** Polls the reload's row until the sandbox reported an outcome or {@code wait} elapsed (works across replicas). */
    public Uni<ReloadOutcome> awaitOutcome(ReloadOutcome accepted, Duration wait) {
        Instant deadline = Instant.now().plus(wait);
        return poll(accepted, deadline);
    }

    private Uni<ReloadOutcome> poll(ReloadOutcome accepted, Instant deadline) {
        return outbox.pool().withConnection(c -> reloads.find(c, accepted.sessionId(), accepted.sequence()))
                .flatMap(r -> {
                    if (r != null && r.result() != null) {
                        return Uni.createFrom().item(accepted.withOutcome(new ReloadOutcome.SandboxOutcome(r.result(), r.durationMs(), r.resultError())));
                    }
                    if (Instant.now().isAfter(deadline)) {
                        return Uni.createFrom().item(accepted);
                    }
                    return Uni.createFrom().nullItem().onItem().delayIt().by(Duration.ofMillis(20))
                            .flatMap(x -> poll(accepted, deadline));
                });
    }

    private static String write(ReloadOutcome o) {
        try {
            return EventCodec.mapper().writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ReloadOutcome read(String json) {
        try {
            return EventCodec.mapper().readValue(json, ReloadOutcome.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
