package com.powerx.devhotload.session.service;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.platform.security.Permissions;
import com.powerx.devhotload.contracts.state.SessionStatus;
import com.powerx.devhotload.session.domain.Session;
import com.powerx.devhotload.session.repository.AlertRepository;
import com.powerx.devhotload.session.repository.AuditRepository;
import com.powerx.devhotload.session.repository.AuditRepository.AuditRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * The admin panel's reads of and actions on sessions of its tenant (or every tenant, for global admins), each action
 * audited. The one code path behind both admin façades: the REST resource and the GraphQL API call these methods.
 */
@ApplicationScoped
public class AdminSessions {

    /** The answer to an admin reload. */
    public record AdminReload(UUID sessionId, long sequence, UUID auditId) {
    }

    /** The list filters; {@code statuses} empty means every status. */
    public record Filter(List<SessionStatus> statuses, String pluginId, String developerId, String query) {
    }

    /** A session as the admin sees it: with the count of its open alerts. */
    public record AdminSession(Session session, int openAlerts) {
    }

    /** One page of the admin list, 1-based, with the tenant's metrics block. */
    public record AdminPage(List<AdminSession> items, int page, int size, long total, SessionQueries.Metrics metrics) {
    }

    private final TransactionalOutbox outbox;
    private final SessionAccess access;
    private final SessionLifecycle lifecycle;
    private final ReloadService reloads;
    private final AuditLog audit;
    private final AuditRepository auditRecords;
    private final SessionQueries queries;
    private final AlertRepository alerts;
    private final AdminMetrics metrics;

    public AdminSessions(TransactionalOutbox outbox, SessionAccess access, SessionLifecycle lifecycle, ReloadService reloads,
                         AuditLog audit, AuditRepository auditRecords, SessionQueries queries, AlertRepository alerts,
                         AdminMetrics metrics) {
        this.outbox = outbox;
        this.access = access;
        this.lifecycle = lifecycle;
        this.reloads = reloads;
        this.audit = audit;
        this.auditRecords = auditRecords;
        this.queries = queries;
        this.alerts = alerts;
        this.metrics = metrics;
    }

    /** A page of the caller's tenant's sessions (every tenant's for a global admin) and the metrics block. */
    @WithSpan("AdminSessions.list")
    public Uni<AdminPage> list(Caller caller, Filter filter, int page, int size) {
        String scope = SessionQueries.adminScope(caller);
        if (page < 1) throw ApiException.invalid("page", "must be at least 1");
        if (size < 1 || size > 200) throw ApiException.invalid("size", "must be between 1 and 200");
        return queries.list(scope, filter.pluginId(), filter.developerId(), filter.query(), filter.statuses(), size, (page - 1) * size)
                .flatMap(p -> withAlerts(p.items()).flatMap(items -> queries.metrics(scope)
                        .map(m -> new AdminPage(items, page, size, p.total(), m))));
    }

    /** One session of the caller's tenant; another tenant's answers 404 like a missing one. */
    @WithSpan("AdminSessions.get")
    public Uni<AdminSession> get(Caller caller, UUID id) {
        caller.require(Permissions.ADMIN_MANAGE);
        return outbox.pool().withConnection(c -> access.resolve(c, caller, id, false))
                .flatMap(session -> withAlerts(List.of(session))).map(List::getFirst);
    }

    private Uni<List<AdminSession>> withAlerts(List<Session> sessions) {
        List<UUID> ids = sessions.stream().map(Session::id).toList();
        return outbox.pool().withConnection(c -> alerts.openCounts(c, ids))
                .map(open -> sessions.stream()
                        .map(s -> new AdminSession(s, open.getOrDefault(s.id(), 0))).toList());
    }

    @WithSpan("AdminSessions.terminate")
    public Uni<SessionLifecycle.Ended> terminate(Caller caller, UUID id, String reason) {
        caller.require(Permissions.ADMIN_MANAGE);
        long start = System.nanoTime();
        return lifecycle.terminate(caller, id, reason == null || reason.isBlank() ? "terminated by admin" : reason, "admin.terminate")
                .invoke(ended -> metrics.terminated(start));
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
