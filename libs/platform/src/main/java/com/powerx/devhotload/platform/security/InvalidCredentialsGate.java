package com.powerx.devhotload.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.web.EnvelopeWriter;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A request that carries a JWT which does not verify (expired, signed by another key, malformed) is answered 401
 * before anything else looks at it. Authentication is lazy here ({@code quarkus.http.auth.proactive=false}, so that its
 * failures reach the error envelope), which let a bad token reach body validation, content-type checks or a 404 of a
 * route first: a stranger learnt what a body must hold, and got 400/415 where 401 was due (BadInputSweepIT found it).
 * Requests without a JWT go on untouched: reload tokens are checked by the service that owns them, and in local mode a
 * loopback caller needs none.
 */
@ApplicationScoped
public class InvalidCredentialsGate {

    private final ObjectMapper mapper;

    public InvalidCredentialsGate(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        // After the authentication handler (negative order: it sets up the deferred identity), before every route.
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(this::check);
    }

    private void check(RoutingContext rc) {
        String token = CredentialSources.token(rc.request());
        if (token == null || !CredentialSources.isJwt(token) || rc.request().path().startsWith("/q/")) {
            rc.next();
            return;
        }
        QuarkusHttpUser.getSecurityIdentity(rc, null).subscribe().with(
                identity -> rc.next(),
                failure -> EnvelopeWriter.write(rc, mapper, ApiException.unauthorized("invalid or expired credentials")));
    }
}
