package com.powerx.devhotload.stream.service;

import com.powerx.devhotload.platform.security.ReloadTokenDigest;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.platform.security.Permissions;
import com.powerx.devhotload.stream.EventFilter;
import com.powerx.devhotload.stream.FrameStyle;
import com.powerx.devhotload.stream.SessionBinding;
import com.powerx.devhotload.stream.StreamRequest;
import com.powerx.devhotload.stream.Subscription;
import com.powerx.devhotload.stream.config.StreamConfig;
import com.powerx.devhotload.stream.repository.SessionDirectory;
import com.powerx.devhotload.stream.repository.SessionDirectory.KnownSession;
import com.powerx.devhotload.stream.repository.SessionDirectory.TokenOwner;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides what a caller may stream (CONTRACT.md §2, §5). Admins see their own tenant (global admins any tenant,
 * chosen with {@code tenantId}); a developer without the admin permission sees only sessions it registered; a
 * reload token sees exactly its own session. A session of another tenant answers 404, exactly like one that does
 * not exist.
 */
@ApplicationScoped
public class StreamAccess {

    private static final List<String> LOG_TYPES = List.of(EventTypes.SESSION_LOG);

    private final SessionDirectory sessions;
    private final StreamConfig config;
    private final Vertx vertx;

    public StreamAccess(SessionDirectory sessions, StreamConfig config, Vertx vertx) {
        this.sessions = sessions;
        this.config = config;
        this.vertx = vertx;
    }

    public Future<Subscription> authorize(Caller caller, StreamRequest request) {
        try {
            return switch (caller.kind()) {
                case ANONYMOUS -> Future.failedFuture(ApiException.unauthorized("credentials required"));
                case RELOAD_TOKEN -> byReloadToken(caller.reloadToken(), request);
                case LOCAL, TOKEN -> byTenantMember(caller, request);
            };
        } catch (ApiException e) {
            return Future.failedFuture(e);
        }
    }

    private Future<Subscription> byReloadToken(String token, StreamRequest request) {
        if (request.sessionIds().size() != 1) {
            throw ApiException.invalid("sessionId", "a reload token streams exactly one session: pass its sessionId");
        }
        String sessionId = request.sessionIds().getFirst();
        String sha256 = ReloadTokenDigest.sha256Hex(token);
        return Futures.awaitPresent(vertx, () -> checkToken(sha256, sessionId), graceMillis()).map(check -> {
            TokenOwner owner = check == null ? null : check.owner();
            // The same answer whether the token is unknown or belongs to another session: it reveals nothing.
            if (owner == null || !MessageDigest.isEqual(bytes(owner.sessionId()), bytes(sessionId))) {
                throw ApiException.unauthorized("reload token is not valid for this session");
            }
            return subscription(owner.tenant(), request, new SessionBinding(sessionId, sha256, false));
        });
    }

    /** What a reload token was found to be: its owner, or none although the session it names is known. */
    private record TokenCheck(TokenOwner owner) {
    }

    /**
     * Settled (non-null) once the token is known, or once the session is: a session the gateway has learned came
     * with its token hash in the same write, so waiting could not make an unknown token valid and a wrong token
     * is answered at once. Only a session not heard of yet may be one registered a moment ago.
     */
    private Future<TokenCheck> checkToken(String sha256, String sessionId) {
        // The token is read again once the session is found: the registration may have been applied between the two
        // reads (seen in CI: a valid token answered 401 at once), and a known session's token is then certainly there.
        return sessions.findToken(sha256).compose(owner -> owner != null
                ? Future.succeededFuture(new TokenCheck(owner))
                : sessions.find(sessionId).compose(known -> known == null ? Future.succeededFuture(null)
                        : sessions.findToken(sha256).map(TokenCheck::new)));
    }

    private Future<Subscription> byTenantMember(Caller caller, StreamRequest request) {
        // Only a token holder reaches other tenants: local mode must not open them to whoever reaches the loopback.
        boolean global = caller.kind() == Caller.Kind.TOKEN && caller.has(Permissions.ADMIN_GLOBAL);
        boolean admin = global || caller.has(Permissions.ADMIN_MANAGE) || caller.has(Permissions.ADMIN_GLOBAL);
        String tenant = caller.tenantId();
        if (request.tenantId() != null && !request.tenantId().equals(tenant)) {
            if (!global) {
                throw ApiException.forbidden("permission " + Permissions.ADMIN_GLOBAL + " required to stream another tenant");
            }
            tenant = request.tenantId();
        }
        if (request.sessionIds().isEmpty()) {
            if (!admin || request.kind() == StreamRequest.Kind.CLI_LOGS) {
                throw ApiException.forbidden("permission " + Permissions.ADMIN_MANAGE + " required, or name your own sessionId");
            }
            return Future.succeededFuture(subscription(tenant, request, null));
        }
        String streamTenant = tenant;
        List<Future<KnownSession>> lookups = new ArrayList<>();
        for (String sessionId : request.sessionIds()) {
            lookups.add(Futures.awaitPresent(vertx, () -> sessions.find(sessionId), graceMillis()));
        }
        return Future.all(lookups).map(all -> {
            KnownSession first = null;
            for (int i = 0; i < lookups.size(); i++) {
                KnownSession session = all.resultAt(i);
                boolean visible = session != null && session.tenant().equals(streamTenant)
                        && (admin || (caller.developerId() != null && caller.developerId().equals(session.developerId())));
                if (!visible) {
                    throw ApiException.notFound("session " + request.sessionIds().get(i));
                }
                first = first == null ? session : first;
            }
            SessionBinding binding = request.kind() == StreamRequest.Kind.CLI_LOGS
                    ? new SessionBinding(first.sessionId(), null, first.ended()) : null;
            return subscription(streamTenant, request, binding);
        });
    }

    private Subscription subscription(String tenant, StreamRequest request, SessionBinding binding) {
        Set<String> sessionIds = new LinkedHashSet<>(request.sessionIds());
        if (request.kind() == StreamRequest.Kind.CLI_LOGS) {
            return new Subscription(tenant, new EventFilter(sessionIds, null, LOG_TYPES), FrameStyle.CLI_LOG, binding);
        }
        return new Subscription(tenant, new EventFilter(sessionIds, request.pluginId(), request.typePrefixes()),
                FrameStyle.EVENTS, binding);
    }

    private long graceMillis() {
        return config.unknownSessionGrace().toMillis();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
