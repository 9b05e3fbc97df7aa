package com.powerx.devhotload.diagnostics.service;

import com.powerx.devhotload.platform.security.ReloadTokenDigest;
import com.powerx.devhotload.diagnostics.domain.SessionInfo;
import com.powerx.devhotload.diagnostics.repository.SessionInfoRepository;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.platform.security.Permissions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;


/**
 * Who may do what here (CONTRACT.md §7): an admin of the tenant (a global admin: any tenant), or the reload token
 * of one session, which sees only that session's reports. Whatever a caller may not see answers 404, exactly like
 * what does not exist.
 */
@ApplicationScoped
public class CallerScope {

    /** The tenant a caller acts in; {@code sessionId} set when a reload token limits it to one session. */
    public record Scope(String tenantId, String sessionId, boolean global) {

        public boolean sees(String tenant, String session) {
            if (sessionId != null) {
                return sessionId.equals(session) && tenantId.equals(tenant);
            }
            return global || tenantId.equals(tenant);
        }
    }

    private final Pool pool;
    private final SessionInfoRepository sessions;

    public CallerScope(Pool pool, SessionInfoRepository sessions) {
        this.pool = pool;
        this.sessions = sessions;
    }

    public Uni<Scope> of(Caller caller) {
        if (caller.kind() == Caller.Kind.RELOAD_TOKEN) {
            String hash = ReloadTokenDigest.sha256Hex(caller.reloadTokenValue().orElse(""));
            return sessions.findByToken(pool, hash).map(session -> {
                if (session == null) {
                    throw ApiException.unauthorized("reload token is not valid");
                }
                return new Scope(session.tenantId(), session.sessionId(), false);
            });
        }
        caller.requireTenant();
        if (!caller.has(Permissions.ADMIN_MANAGE) && !caller.has(Permissions.ADMIN_GLOBAL)) {
            throw ApiException.forbidden("permission " + Permissions.ADMIN_MANAGE + " required, or the session's reload token");
        }
        return Uni.createFrom().item(new Scope(caller.tenantId(), null, caller.isGlobalAdmin()));
    }

    /** The session if this scope may see it, else 404. */
    public Uni<SessionInfo> visibleSession(Scope scope, String sessionId) {
        return sessions.find(pool, sessionId).map(s -> {
            if (s == null || !scope.sees(s.tenantId(), s.sessionId())) {
                throw ApiException.notFound("session " + sessionId);
            }
            return s;
        });
    }
}
