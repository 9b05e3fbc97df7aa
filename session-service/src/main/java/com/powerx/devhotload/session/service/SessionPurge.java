package com.powerx.devhotload.session.service;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.contracts.state.SessionStatus;
import com.powerx.devhotload.session.repository.SessionRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Bulk purge of a tenant's sessions. Ended sessions by default; live ones only with force and confirmation, and they
 * are terminated (with their event) before they are deleted, so the sandbox and the streams learn that they ended.
 */
@ApplicationScoped
public class SessionPurge {

    private final TransactionalOutbox outbox;
    private final SessionRepository sessions;
    private final SessionLifecycle lifecycle;
    private final AuditLog audit;

    public SessionPurge(TransactionalOutbox outbox, SessionRepository sessions, SessionLifecycle lifecycle, AuditLog audit) {
        this.outbox = outbox;
        this.sessions = sessions;
        this.lifecycle = lifecycle;
        this.audit = audit;
    }

    /** Terminates the live sessions being purged (emitting their events) and returns their ids. */
    private Uni<List<UUID>> endLive(SqlClient tx, Caller caller, String tenant, String pluginId, List<SessionStatus> liveStatuses, Instant now) {
        if (liveStatuses.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return sessions.list(tx, tenant, pluginId, null, null, liveStatuses, 10_000, 0)
                .flatMap(live -> Multi.createFrom().iterable(live)
                        .onItem().transformToUniAndConcatenate(s -> lifecycle.endInTx(tx, caller, s.id(), SessionStatus.TERMINATED, "purged", now)
                                .replaceWith(s.id()))
                        .collect().asList());
    }

    @WithSpan("SessionPurge.purge")
    public Uni<List<UUID>> purge(Caller caller, String pluginId, List<SessionStatus> statuses, boolean forced) {
        String tenant = caller.requireTenant();
        List<SessionStatus> targets = statuses.isEmpty() ? List.of(SessionStatus.TERMINATED) : statuses;
        boolean touchesLive = targets.stream().anyMatch(SessionStatus::isLive);
        if (touchesLive && !forced) {
            throw ApiException.badRequest("force_required",
                    "purging pending or active sessions needs force=true and confirm=true (or X-Force-Delete: true)");
        }
        Instant now = Instant.now();
        List<SessionStatus> endedStatuses = targets.stream().filter(st -> !st.isLive()).toList();
        List<SessionStatus> liveStatuses = targets.stream().filter(SessionStatus::isLive).toList();
        return outbox.inTransaction(tx -> endLive(tx, caller, tenant, pluginId, liveStatuses, now)
                .flatMap(endedIds -> sessions.purge(tx, tenant, pluginId, endedStatuses, endedIds))
                .call(ids -> audit.record(tx, caller, tenant, "purge", null, "deleted " + ids.size(), forced ? "force" : null)));
    }
}
