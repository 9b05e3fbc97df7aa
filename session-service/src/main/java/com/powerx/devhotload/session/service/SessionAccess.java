package com.powerx.devhotload.session.service;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.session.domain.ReloadTokens;
import com.powerx.devhotload.session.domain.Session;
import com.powerx.devhotload.session.repository.SessionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Who may touch a session: a member of its tenant (developer credentials, local mode), or the holder of its reload
 * token. Another tenant's session answers 404 exactly like a missing one, so its existence never leaks.
 */
@ApplicationScoped
public class SessionAccess {

    private final SessionRepository sessions;

    public SessionAccess(SessionRepository sessions) {
        this.sessions = sessions;
    }


    /** The session if the caller may see it; 401 without credentials or with a wrong token, 404 otherwise. */
    @WithSpan("SessionAccess.resolve")
    public Uni<Session> resolve(SqlClient c, Caller caller, UUID id, boolean forUpdate) {
        if (caller.hasTenant()) {
            Uni<Session> found = forUpdate
                    ? sessions.findForUpdate(c, id).map(s -> s != null && caller.canSeeTenant(s.tenantId()) ? s : null)
                    : sessions.findById(c, id).map(s -> s != null && caller.canSeeTenant(s.tenantId()) ? s : null);
            return found.map(s -> require(s));
        }
        String token = caller.reloadTokenValue().orElseThrow(() -> ApiException.unauthorized("credentials required"));
        return (forUpdate ? sessions.findForUpdate(c, id) : sessions.findById(c, id))
                .map(s -> {
                    Session session = require(s);
                    if (!ReloadTokens.matches(token, session.reloadTokenHash())) {
                        throw ApiException.unauthorized("invalid reload token");
                    }
                    return session;
                });
    }

    private static Session require(Session s) {
        if (s == null) {
            throw ApiException.notFound("session");
        }
        return s;
    }
}
