package com.powerx.devhotload.stream.rest;

import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.platform.security.CallerFactory;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The platform's {@link Caller} for a plain Vert.x route. The route's identity comes from the platform's
 * authentication mechanism (bearer, X-API-Key or the px_token cookie, never the query string) and is mapped by the
 * platform's {@link CallerFactory}, so the identity-to-caller rules live in one place.
 */
@ApplicationScoped
public class CallerResolver {

    private final IdentityProviderManager identities;
    private final CallerFactory callers;

    public CallerResolver(IdentityProviderManager identities, CallerFactory callers) {
        this.identities = identities;
        this.callers = callers;
    }

    /** Authenticates the request (an invalid token fails with AuthenticationFailedException) and maps it. */
    public Future<Caller> resolve(RoutingContext rc) {
        return Future.fromCompletionStage(QuarkusHttpUser.getSecurityIdentity(rc, identities).subscribeAsCompletionStage())
                .map(callers::from);
    }
}
