package com.powerx.devhotload.diagnostics.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.diagnostics.domain.SessionInfo;
import com.powerx.devhotload.diagnostics.repository.SessionInfoRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Set;

/**
 * What the lifecycle and sandbox events say about sessions: tenant and plugin for scope checks, the reload token's
 * hash for reload-token callers, runtime, version and build hash for a report's environment.
 */
@ApplicationScoped
public class SessionDirectory {

    private final SessionInfoRepository sessions;

    public SessionDirectory(SessionInfoRepository sessions) {
        this.sessions = sessions;
    }

    private static final Set<String> TYPES = Set.of(EventTypes.SESSION_REGISTERED, EventTypes.SESSION_UPDATED,
            EventTypes.SESSION_TERMINATED, EventTypes.SESSION_EXPIRED, EventTypes.SANDBOX_READY, EventTypes.RELOADED);

    /** Whether an event says anything about a session (most of a poll — log lines — does not). */
    public static boolean concerns(CloudEvent event) {
        return TYPES.contains(event.type());
    }

    public Uni<Void> apply(SqlClient tx, CloudEvent event) {
        JsonNode d = event.data();
        String sessionId = event.sessionid() != null ? event.sessionid() : d.path("sessionId").asText(null);
        if (sessionId == null) {
            return Uni.createFrom().voidItem();
        }
        return switch (event.type()) {
            case EventTypes.SESSION_REGISTERED -> sessions.registered(tx, new SessionInfo(sessionId, event.tenantid(),
                    d.path("pluginId").asText(event.pluginid()), d.path("developerId").asText(null),
                    d.path("reloadTokenSha256").asText(null), d.path("runtime").asText(null), d.path("version").asText(null),
                    d.path("buildHash").asText(null), d.path("status").asText("pending"),
                    event.time() != null ? Instant.ofEpochMilli(CloudEvent.parseTime(event.time())) : Instant.now()));
            case EventTypes.SESSION_UPDATED -> sessions.updated(tx, sessionId, d.path("status").asText(null),
                    d.path("reloadTokenSha256").asText(null));
            case EventTypes.SESSION_TERMINATED -> sessions.updated(tx, sessionId, "terminated", null);
            case EventTypes.SESSION_EXPIRED -> sessions.updated(tx, sessionId, "expired", null);
            // session-service turns a session active on this event and publishes no dev.session.updated for it
            case EventTypes.SANDBOX_READY -> sessions.activated(tx, sessionId);
            case EventTypes.RELOADED -> d.hasNonNull("buildHash") ? sessions.buildHash(tx, sessionId, d.get("buildHash").asText())
                    : Uni.createFrom().voidItem();
            default -> Uni.createFrom().voidItem();
        };
    }
}
