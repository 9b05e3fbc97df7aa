package com.powerx.devhotload.session.service;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.platform.security.Permissions;
import com.powerx.devhotload.session.repository.AuditRepository;
import com.powerx.devhotload.session.repository.AuditRepository.AuditRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** The admin panel's actions on sessions of its tenant (or every tenant, for global admins), each audited. */
@ApplicationScoped
public class AdminSessions {

    /** The answer to an admin reload. */
    public record AdminReload(UUID sessionId, long sequence, UUID auditId) {
    }

    private final TransactionalOutbox outbox;
    private final SessionAccess access;
    private final SessionLifecycle lifecycle;
    private final ReloadService reloads;
    private final AuditLog audit;
    private final AuditRepository auditRecords;

    public AdminSessions(TransactionalOutbox outbox, SessionAccess access, SessionLifecycle lifecycle, ReloadService reloads,
                         AuditLog audit, AuditRepository auditRecords) {
        this.outbox = outbox;
        this.access = access;
        this.lifecycle = lifecycle;
        this.reloads = reloads;
        this.audit = audit;
        this.auditRecords = auditRecords;
    }

    @WithSpan("AdminSessions.terminate")
    public Uni<SessionLifecycle.Ended> terminate(Caller caller, UUID id, String reason) {
        caller.require(Permissions.ADMIN_MANAGE);
        return lifecycle.terminate(caller, id, reason == null || reason.isBlank() ? "terminated by admin" : reason, "admin.terminate");
    }

    @WithSpan("AdminSessions.reload")
    public Uni<AdminReload> reload(Caller caller, UUID id, String reason) {
        caller.require(Permissions.ADMIN_MANAGE);
        return outbox.inTransaction(tx -> access.resolve(tx, caller, id, true).flatMap(session -> {
            if (!session.isLive()) {
                throw SessionLifecycle.ended();
            }
            return reloads.reapply(tx, caller, session)
                    .flatMap(o -> audit.record(tx, caller, session.tenantId(), "admin.reload", id, "accepted", reason)
                            .map(auditId -> new AdminReload(id, o.sequence(), auditId)));
        }));
    }

    @WithSpan("AdminSessions.audit")
    public Uni<List<AuditRecord>> audit(Caller caller, UUID sessionId, String actor, int limit) {
        String scope = SessionQueries.adminScope(caller);
        if (limit < 1 || limit > 500) {
            throw ApiException.invalid("limit", "must be between 1 and 500");
        }
        return outbox.pool().withConnection(c -> auditRecords.find(c, scope, sessionId, actor, limit));
    }

}
