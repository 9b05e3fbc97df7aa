package com.powerx.devhotload.session.service;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import com.powerx.devhotload.session.mapping.SessionIds;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.contracts.payload.SessionUpdated;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.platform.security.Permissions;
import com.powerx.devhotload.session.domain.BundleRules;
import com.powerx.devhotload.contracts.state.SandboxState;
import com.powerx.devhotload.session.domain.Session;
import com.powerx.devhotload.session.repository.BlobRepository;
import com.powerx.devhotload.session.repository.BlobStore;
import com.powerx.devhotload.session.repository.SessionRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tenant-scoped, content-addressed bundle blobs. When an upload completes a session's bundle, the session (and any
 * reload that was waiting for files) starts in the same transaction that records the blob.
 */
@ApplicationScoped
public class BlobService {

    /** Outcome of an upload: whether the blob is new for the tenant. */
    public record Stored(String sha256, long size, boolean created) {
    }

    /** The blobs a tenant lacks, and the direct (pre-signed) uploads offered for some of them. */
    public record Missing(List<String> missing, Map<String, BlobStore.DirectUpload> uploads) {
    }

    private final TransactionalOutbox outbox;
    private final BlobRepository blobs;
    private final BlobStore store;
    private final SessionRepository sessions;
    private final SessionAccess access;
    private final WaitingReloads waitingReloads;

    public BlobService(TransactionalOutbox outbox, BlobRepository blobs, BlobStore store, SessionRepository sessions,
                       SessionAccess access, WaitingReloads waitingReloads) {
        this.outbox = outbox;
        this.blobs = blobs;
        this.store = store;
        this.sessions = sessions;
        this.access = access;
        this.waitingReloads = waitingReloads;
    }

    /** The tenant the blob calls of this caller are scoped to: its own, or that of the session its token opens. */
    @WithSpan("BlobService.tenantOf")
    public Uni<String> tenantOf(Caller caller, String sessionIdHeader) {
        if (caller.hasTenant()) {
            return Uni.createFrom().item(caller.tenantId());
        }
        if (caller.reloadTokenValue().isEmpty()) {
            throw ApiException.unauthorized("credentials required");
        }
        if (sessionIdHeader == null) {
            throw ApiException.unauthorized("a reload token needs the X-Session-Id header");
        }
        UUID id = SessionIds.parse(sessionIdHeader);
        return outbox.pool().withConnection(c -> access.resolve(c, caller, id, false)).map(Session::tenantId);
    }

    /**
     * The tenant whose blob a download reads: {@link #tenantOf} for tenant members and reload tokens; for a service
     * token ({@link Permissions#SERVICE}) the tenant of the session named in {@code X-Session-Id}, so the
     * orchestrator can fetch any session's bundle without holding its reload token.
     */
    @WithSpan("BlobService.tenantForDownload")
    public Uni<String> tenantForDownload(Caller caller, String sessionIdHeader) {
        if (!caller.has(Permissions.SERVICE) || caller.kind() != Caller.Kind.TOKEN) {
            return tenantOf(caller, sessionIdHeader);
        }
        if (sessionIdHeader == null) {
            throw ApiException.badRequest("session_required", "a service credential needs the X-Session-Id header");
        }
        UUID id = SessionIds.parse(sessionIdHeader);
        return outbox.pool().withConnection(c -> sessions.findById(c, id))
                .map(s -> {
                    if (s == null) {
                        throw ApiException.notFound("session");
                    }
                    return s.tenantId();
                });
    }

    /**
     * The hashes the tenant lacks. For those whose size the client stated ({@code sizes}), the store may offer a
     * pre-signed upload; a client that states no sizes gets the plain contract answer.
     */
    @WithSpan("BlobService.missing")
    public Uni<Missing> missing(String tenant, List<String> hashes, Map<String, Long> sizes) {
        for (int i = 0; i < hashes.size(); i++) {
            requireHash(hashes.get(i), "sha256[" + i + "]");
        }
        sizes.forEach((sha, size) -> {
            if (size == null || size < 0) {
                throw ApiException.invalid("sizes." + sha, "must be a size in bytes");
            }
        });
        return outbox.pool().withConnection(c -> blobs.missing(c, tenant, hashes))
                .map(missing -> new Missing(missing, offers(tenant, missing, sizes)));
    }

    private Map<String, BlobStore.DirectUpload> offers(String tenant, List<String> missing, Map<String, Long> sizes) {
        Map<String, BlobStore.DirectUpload> uploads = new LinkedHashMap<>();
        for (String sha : missing) {
            Long size = sizes.get(sha);
            if (size != null) {
                store.offerUpload(tenant, sha, size).ifPresent(upload -> uploads.put(sha, upload));
            }
        }
        return uploads;
    }

    /** Blocking (streams the body to the store): call from a worker thread. */
    @WithSpan("BlobService.upload")
    public Uni<Stored> upload(String tenant, String sha256, InputStream body) {
        requireHash(sha256, "sha256");
        long size = store.store(tenant, sha256, body);
        return recordStored(tenant, sha256, size);
    }

    /**
     * The client says it finished a pre-signed upload: the store reads it back and verifies its hash, then it counts
     * as present exactly as after a PUT. Blocking (reads the object back): call from a worker thread.
     */
    @WithSpan("BlobService.confirmUpload")
    public Uni<Stored> confirmUpload(String tenant, String sha256) {
        requireHash(sha256, "sha256");
        // A confirm repeated after a lost answer finds the blob recorded: 200, as a second PUT would answer.
        Long known = outbox.pool().withConnection(c -> blobs.size(c, tenant, sha256)).await().indefinitely();
        if (known != null) {
            return Uni.createFrom().item(new Stored(sha256, known, false));
        }
        long size = store.completeUpload(tenant, sha256);
        return recordStored(tenant, sha256, size);
    }

    private Uni<Stored> recordStored(String tenant, String sha256, long size) {
        return outbox.inTransaction(tx -> blobs.insert(tx, tenant, sha256, size)
                .flatMap(created -> startWhatWaitedFor(tx, tenant).replaceWith(new Stored(sha256, size, created))));
    }

    /** Whether the tenant has this blob (404 otherwise, also for another tenant's blob). */
    @WithSpan("BlobService.requirePresent")
    public Uni<Void> requirePresent(String tenant, String sha256) {
        requireHash(sha256, "sha256");
        return outbox.pool().withConnection(c -> blobs.exists(c, tenant, sha256)).map(exists -> {
            if (!exists) {
                throw ApiException.notFound("blob");
            }
            return null;
        });
    }

    /** The stored bytes of a blob {@link #requirePresent} found, or 404. Blocking: call from a worker thread. */
    public BlobStore.BlobContent open(String tenant, String sha256) {
        BlobStore.BlobContent content = store.open(tenant, sha256);
        if (content == null) {
            throw ApiException.notFound("blob");
        }
        return content;
    }

    private Uni<Void> startWhatWaitedFor(SqlClient tx, String tenant) {
        return sessions.waitingForFiles(tx, tenant)
                .flatMap(waiting -> Multi.createFrom().iterable(waiting)
                        .onItem().transformToUniAndConcatenate(session -> blobs.missing(tx, tenant, hashes(session.files()))
                                .flatMap(missing -> missing.isEmpty() ? start(tx, session) : Uni.createFrom().voidItem()))
                        .collect().last())
                .flatMap(v -> waitingReloads.release(tx, tenant))
                .replaceWithVoid();
    }

    private Uni<Void> start(SqlClient tx, Session session) {
        return sessions.updateSandboxState(tx, session.id(), SandboxState.STARTING)
                .flatMap(v -> SessionEvents.emit(tx, session, EventTypes.SESSION_UPDATED, new SessionUpdated(session.id().toString(),
                        session.status().wire(), SandboxState.STARTING.wire(), List.of(), session.files(), session.expiresAt(), null, null, "files-complete")));
    }

    static List<String> hashes(List<FileRef> files) {
        return files.stream().map(FileRef::sha256).toList();
    }

    private static void requireHash(String sha256, String field) {
        if (sha256 == null || !BundleRules.SHA256.matcher(sha256).matches()) {
            throw ApiException.invalid(field, "must be 64 lowercase hex characters");
        }
    }
}
