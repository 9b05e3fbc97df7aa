package com.powerx.devhotload.session.service;

import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.contracts.payload.SessionRegistered;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.session.config.DevApiConfig;
import com.powerx.devhotload.session.domain.ReloadTokens;
import com.powerx.devhotload.contracts.state.SandboxState;
import com.powerx.devhotload.session.domain.Session;
import com.powerx.devhotload.contracts.state.SessionStatus;
import com.powerx.devhotload.session.domain.RegisterCommand;
import com.powerx.devhotload.session.repository.BlobRepository;
import com.powerx.devhotload.session.repository.SessionRepository;
import io.vertx.mutiny.sqlclient.SqlClient;
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

    @WithSpan("RegistrationService.register")
    public Uni<Registration> register(Caller caller, RegisterCommand command) {
        String tenant = caller.requireTenant();
        return rateLimiter.check(tenant, "register", config.rateLimit().register())
                .flatMap(allowed -> outbox.inTransaction(tx -> registerInTx(tx, caller, tenant, command)))
                .onFailure(RegistrationService::isLiveSessionRace).recoverWithUni(e -> raceLost(tenant, command.pluginId()));
    }

    private Uni<Registration> registerInTx(SqlClient tx, Caller caller, String tenant, RegisterCommand command) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return sessions.findLiveForUpdate(tx, tenant, command.pluginId())
                .flatMap(existing -> replaceExisting(tx, caller, existing, command, now))
                .flatMap(v -> blobs.missing(tx, tenant, command.files().stream().map(FileRef::sha256).toList()))
                .flatMap(missing -> open(tx, caller, tenant, command, missing, now));
    }

    /** One live session per plugin: the existing one is a 409, unless the command takes it over. */
    private Uni<Void> replaceExisting(SqlClient tx, Caller caller, Session existing, RegisterCommand command, Instant now) {
        if (existing == null) {
            return Uni.createFrom().voidItem();
        }
        if (!command.takeover()) {
            throw conflict(existing);
        }
        return lifecycle.endInTx(tx, caller, existing.id(), SessionStatus.TERMINATED, "takeover", now).replaceWithVoid();
    }

    /** The session row, its {@code dev.session.registered} event and the audit record, on one transaction. */
    private Uni<Registration> open(SqlClient tx, Caller caller, String tenant, RegisterCommand command, List<String> missing, Instant now) {
        String token = ReloadTokens.newToken();
        Session session = newSession(tenant, caller.developerId(), command, token, missing, now);
        return sessions.insert(tx, session)
                .flatMap(v -> SessionEvents.emit(tx, session, EventTypes.SESSION_REGISTERED, registered(session, missing, command.env())))
                .flatMap(v -> audit.record(tx, caller, tenant, "register", session.id(), "success", command.takeover() ? "takeover" : null))
                .map(v -> new Registration(session, token, missing));
    }

    private Session newSession(String tenant, String developer, RegisterCommand c, String token, List<String> missing, Instant now) {
        boolean activeAtOnce = c.notificationOnly();
        SandboxState sandboxState = activeAtOnce ? SandboxState.READY
                : !missing.isEmpty() ? SandboxState.WAITING_FOR_FILES : SandboxState.STARTING;
        return Session.builder()
                .id(UUID.randomUUID())
                .owner(tenant, developer)
                .plugin(c.pluginId(), c.version(), c.runtime(), c.entry())
                .status(activeAtOnce ? SessionStatus.ACTIVE : SessionStatus.PENDING)
                .sandbox(sandboxState, null)
                .reloadTokenHash(ReloadTokens.hash(token))
                .bundle(c.files(), null, c.buildHash())
                .client(c.sandboxEndpoint(), c.cliVersion(), c.metadata())
                .times(now, now.plus(config.sessionTtl()), null)
                .build();
    }

    private static SessionRegistered registered(Session s, List<String> missing, Map<String, String> env) {
        return new SessionRegistered(s.id().toString(), s.tenantId(), s.developerId(), s.pluginId(), s.version(), s.runtime(),
                s.entry(), s.files(), s.buildHash(), s.sandboxEndpoint(), HexFormat.of().formatHex(s.reloadTokenHash()),
                s.expiresAt(), missing, s.status().wire(), env.isEmpty() ? null : env);
    }

    private static ApiException conflict(Session existing) {
        return ApiException.conflict("session_active",
                "plugin " + existing.pluginId() + " already has a " + existing.status().wire() + " session; pass takeover=true to replace it",
                Map.of("sessionId", existing.id().toString(), "pluginId", existing.pluginId(), "status", existing.status().wire()));
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
}
