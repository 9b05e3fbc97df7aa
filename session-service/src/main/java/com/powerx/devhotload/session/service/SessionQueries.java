package com.powerx.devhotload.session.service;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import com.powerx.devhotload.contracts.state.SessionStatus;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.outbox.TransactionalOutbox;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.platform.security.Permissions;
import com.powerx.devhotload.session.domain.Session;
import com.powerx.devhotload.session.repository.ReloadRepository;
import com.powerx.devhotload.session.repository.SessionRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads of sessions, always scoped to what the caller may see. */
@ApplicationScoped
public class SessionQueries {


    /** A page of sessions. */
    public record Page(List<Session> items, long total) {
    }

    /** The admin panel's metrics block. */
    public record Metrics(long active, long reloadsLastHour, long failedReloadsLastHour, long p95ReloadMsLastHour) {
    }

    private final TransactionalOutbox outbox;
    private final SessionRepository sessions;
    private final ReloadRepository reloads;
    private final SessionAccess access;
    private final SessionLifecycle lifecycle;

    public SessionQueries(TransactionalOutbox outbox, SessionRepository sessions, ReloadRepository reloads, SessionAccess access,
                          SessionLifecycle lifecycle) {
        this.outbox = outbox;
        this.sessions = sessions;
        this.reloads = reloads;
        this.access = access;
        this.lifecycle = lifecycle;
    }

    /** One session; a read with the session's own token extends its expiry. */
    @WithSpan("SessionQueries.get")
    public Uni<Session> get(Caller caller, UUID id) {
        return outbox.pool().withConnection(c -> access.resolve(c, caller, id, false))
                .call(session -> lifecycle.touchForTokenRead(caller, session));
    }

    /** {@code status} values, repeated and/or comma-separated; none or {@code all} means every status. */
    public static List<SessionStatus> parseStatuses(List<String> raw) {
        List<SessionStatus> out = new ArrayList<>();
        for (String value : raw == null ? List.<String>of() : raw) {
            for (String s : value.split(",")) {
                String status = s.trim();
                if (status.isEmpty() || status.equals("all")) continue;
                try {
                    out.add(SessionStatus.from(status));
                } catch (IllegalArgumentException e) {
                    throw ApiException.invalid("status", "must be pending, active, terminated, expired or all");
                }
            }
        }
        return out;
    }

    @WithSpan("SessionQueries.list")
    public Uni<Page> list(String tenant, String pluginId, String developerId, String query, List<SessionStatus> statuses, int limit, int offset) {
        return outbox.pool().withConnection(c -> sessions.list(c, tenant, pluginId, developerId, query, statuses, limit, offset)
                .flatMap(items -> sessions.count(c, tenant, pluginId, developerId, query, statuses).map(total -> new Page(items, total))));
    }

    /** The tenant scope of an admin read: the caller's tenant, or every tenant (null) for a global admin. */
    public static String adminScope(Caller caller) {
        caller.require(Permissions.ADMIN_MANAGE);
        return caller.isGlobalAdmin() ? null : caller.tenantId();
    }

    @WithSpan("SessionQueries.metrics")
    public Uni<Metrics> metrics(String tenant) {
        return outbox.pool().withConnection(c -> sessions.count(c, tenant, null, null, null, List.of(SessionStatus.ACTIVE))
                .flatMap(active -> reloads.lastHourStats(c, tenant)
                        .map(stats -> new Metrics(active, stats[0], stats[1], stats[2]))));
    }
}
