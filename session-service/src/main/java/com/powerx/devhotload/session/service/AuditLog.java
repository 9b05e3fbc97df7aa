package com.powerx.devhotload.session.service;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.session.config.DevApiConfig;
import com.powerx.devhotload.session.repository.AuditRepository;
import com.powerx.devhotload.session.repository.AuditRepository.AuditRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** Writes audit records for state-changing calls (unless {@code PX_DEV_SESSION_AUDIT=false}), on their transaction. */
@ApplicationScoped
public class AuditLog {

    private final AuditRepository repository;
    private final boolean enabled;

    public AuditLog(AuditRepository repository, DevApiConfig config) {
        this.repository = repository;
        this.enabled = config.sessionAudit();
    }

    /** Records the action; returns the audit id (also when auditing is off, so answers keep their shape). */
    @WithSpan("AuditLog.record")
    public Uni<UUID> record(SqlClient tx, Caller caller, String tenant, String action, UUID sessionId, String result, String reason) {
        UUID id = UUID.randomUUID();
        if (!enabled) {
            return Uni.createFrom().item(id);
        }
        return repository.insert(tx, new AuditRecord(id, actor(caller, sessionId), tenant, action, sessionId, result, reason, Instant.now()))
                .replaceWith(id);
    }

    static String actor(Caller caller, UUID sessionId) {
        return switch (caller.kind()) {
            case RELOAD_TOKEN -> "reload-token:" + sessionId;
            case ANONYMOUS -> "anonymous";
            default -> caller.developerId();
        };
    }
}
