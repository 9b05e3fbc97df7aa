package com.powerx.devhotload.session.service;

import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.contracts.payload.SessionRegistered;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.platform.api.Violation;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.session.config.DevApiConfig;
import com.powerx.devhotload.session.domain.BundleRules;
import com.powerx.devhotload.session.domain.ReloadTokens;
import com.powerx.devhotload.session.domain.SandboxState;
import com.powerx.devhotload.session.domain.Session;
import com.powerx.devhotload.session.domain.SessionStatus;
import com.powerx.devhotload.session.repository.BlobRepository;
import com.powerx.devhotload.session.repository.SessionRepository;
import com.powerx.devhotload.session.rest.RegisterRequest;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Registers sessions: one live session per tenant and plugin, takeover on request, outbox event in the same commit. */
@ApplicationScoped
public class RegistrationService {

    private final TransactionalOutbox outbox;
    private final SessionRepository sessions;
    private final BlobRepository blobs;
    private final SessionLifecycle lifecycle;
    private final AuditLog audit;
    private final RateLimiter rateLimiter;
    private final DevApiConfig config;

    public RegistrationService(TransactionalOutbox outbox, SessionRepository sessions, BlobRepository blobs,
                               SessionLifecycle lifecycle, AuditLog audit, RateLimiter rateLimiter, DevApiConfig config) {
        this.rateLimiter = rateLimiter;
        this.outbox = outbox;
        this.sessions = sessions;
        this.blobs = blobs;
        this.lifecycle = lifecycle;
        this.audit = audit;
        this.config = config;
    }

    /** The validated, normalised content of a register request. */
    record Plan(String pluginId, String version, String runtime, String entry, List<FileRef> files, String buildHash,
                String sandboxEndpoint, String cliVersion, Map<String, Object> metadata, boolean takeover) {
    }

    @WithSpan("RegistrationService.register")
    public Uni<Registration> register(Caller caller, RegisterRequest request) {
        String tenant = caller.requireTenant();
        Plan plan = plan(request);
        String token = ReloadTokens.newToken();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return rateLimiter.check(tenant, "register", config.rateLimit().register())
                .flatMap(allowed -> outbox.inTransaction(tx -> sessions.findLiveForUpdate(tx, tenant, plan.pluginId())
                        .flatMap(existing -> {
                            if (existing == null) {
                                return Uni.createFrom().voidItem();
                            }
                            if (!plan.takeover()) {
                                throw conflict(existing);
                            }
                            return lifecycle.endInTx(tx, caller, existing.id(), SessionStatus.TERMINATED, "takeover", now).replaceWithVoid();
                        })
                        .flatMap(v -> blobs.missing(tx, tenant, plan.files().stream().map(FileRef::sha256).toList()))
                        .flatMap(missing -> {
                            Session session = newSession(tenant, caller.developerId(), plan, token, missing, now);
                            return sessions.insert(tx, session)
                                    .flatMap(v -> SessionEvents.emit(tx, session, EventTypes.SESSION_REGISTERED, registered(session, missing)))
                                    .flatMap(v -> audit.record(tx, caller, tenant, "register", session.id(), "success", plan.takeover() ? "takeover" : null))
                                    .map(v -> new Registration(session, token, missing));
                        })))
                .onFailure(RegistrationService::isLiveSessionRace).recoverWithUni(e -> raceLost(tenant, plan.pluginId()));
    }

    private Session newSession(String tenant, String developer, Plan plan, String token, List<String> missing, Instant now) {
        boolean external = plan.runtime().equals("external");
        boolean activeAtOnce = external && plan.sandboxEndpoint() == null;
        String status = activeAtOnce ? SessionStatus.ACTIVE : SessionStatus.PENDING;
        String sandboxState = activeAtOnce ? SandboxState.READY
                : !missing.isEmpty() ? SandboxState.WAITING_FOR_FILES : SandboxState.STARTING;
        return new Session(UUID.randomUUID(), tenant, developer, plan.pluginId(), plan.version(), plan.runtime(), plan.entry(),
                status, sandboxState, null, ReloadTokens.hash(token), plan.files(), null, plan.buildHash(), plan.sandboxEndpoint(),
                plan.cliVersion(), plan.metadata(), 0, 0, null, null, null, null, now, now.plus(config.sessionTtl()), null, null);
    }

    private static SessionRegistered registered(Session s, List<String> missing) {
        return new SessionRegistered(s.id().toString(), s.tenantId(), s.developerId(), s.pluginId(), s.version(), s.runtime(),
                s.entry(), s.files(), s.buildHash(), s.sandboxEndpoint(), HexFormat.of().formatHex(s.reloadTokenHash()),
                s.expiresAt(), missing, s.status());
    }

    private static ApiException conflict(Session existing) {
        return ApiException.conflict("session_active",
                "plugin " + existing.pluginId() + " already has a " + existing.status() + " session; pass takeover=true to replace it",
                Map.of("sessionId", existing.id().toString(), "pluginId", existing.pluginId(), "status", existing.status()));
    }

    private static boolean isLiveSessionRace(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState()) && String.valueOf(pg.getConstraint()).contains("one_live");
    }

    /** Two registers raced past the lock-free check: the loser reports the winner like any other conflict. */
    private Uni<Registration> raceLost(String tenant, String pluginId) {
        return outbox.inTransaction(tx -> sessions.findLiveForUpdate(tx, tenant, pluginId))
                .map(winner -> {
                    throw winner == null
                            ? new ApiException(ErrorCode.DEV_CONFLICT, "session_active", "a concurrent register won for plugin " + pluginId)
                            : conflict(winner);
                });
    }

    Plan plan(RegisterRequest r) {
        List<Violation> violations = BundleRules.newList();
        RegisterRequest.Manifest m = r.manifest();
        String pluginId = r.pluginId() != null ? r.pluginId() : m != null ? m.id() : null;
        if (pluginId == null || pluginId.isBlank()) {
            violations.add(new Violation("pluginId", "is required (pluginId or manifest.id)"));
        } else if (!BundleRules.PLUGIN_ID.matcher(pluginId).matches()) {
            violations.add(new Violation("pluginId", "must match " + BundleRules.PLUGIN_ID.pattern()));
        }
        String version = r.version() != null ? r.version() : m != null ? m.version() : null;
        if (version != null && !BundleRules.VERSION.matcher(version).matches()) {
            violations.add(new Violation("version", "must be a semantic version like 1.2.3"));
        }
        List<FileRef> files = r.files() == null ? List.of() : r.files();
        String runtime = r.runtime() != null ? r.runtime()
                : m != null && m.runtime() != null ? m.runtime()
                : r.sandboxEndpoint() != null || files.isEmpty() ? "external" : "node";
        if (!BundleRules.RUNTIMES.contains(runtime)) {
            violations.add(new Violation("runtime", "must be node, python or external"));
        }
        int limit = config.maxFiles();
        if (r.watchFileLimit() != null) {
            if (r.watchFileLimit() < 1 || r.watchFileLimit() > config.maxFiles()) {
                violations.add(new Violation("watchFileLimit", "must be between 1 and " + config.maxFiles()));
            } else {
                limit = r.watchFileLimit();
            }
        }
        BundleRules.checkFiles("files", files, limit, config.maxBundleBytes(), violations);
        if (r.sandboxEndpoint() != null && !r.sandboxEndpoint().matches("^https?://[^\\s]{1,2000}$")) {
            violations.add(new Violation("sandboxEndpoint", "must be an http(s) URL"));
        }
        if (!violations.isEmpty()) {
            throw ApiException.invalid(violations);
        }
        long declared = BundleRules.declaredBytes(files);
        if (declared > config.maxBundleBytes()) {
            throw new ApiException(ErrorCode.DEV_PAYLOAD_TOO_LARGE, "bundle_too_large",
                    "declared bundle size " + declared + " exceeds " + config.maxBundleBytes() + " bytes",
                    Map.of("declaredBytes", declared, "limit", config.maxBundleBytes()), null);
        }
        String entry = m != null && m.entry() != null ? m.entry()
                : r.entryPoints() != null && !r.entryPoints().isEmpty() ? r.entryPoints().getFirst() : r.entryPath();
        return new Plan(pluginId, version, runtime, entry, files.stream().sorted(java.util.Comparator.comparing(FileRef::path)).toList(),
                r.buildHash(), r.sandboxEndpoint(), r.cliVersion(), r.metadata() == null ? Map.of() : r.metadata(),
                Boolean.TRUE.equals(r.takeover()));
    }
}
