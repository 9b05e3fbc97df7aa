package com.powerx.devhotload.stream.rest;

import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.platform.security.CurrentCaller;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * The platform's {@link Caller} for a plain Vert.x route. The route's identity comes from the platform's
 * authentication mechanism (bearer, X-API-Key or the px_token cookie, never the query string); it is then handed to
 * the platform's own {@link CurrentCaller} inside a short-lived request context, so the identity-to-caller rules
 * live in one place.
 */
@ApplicationScoped
public class CallerResolver {

    private final IdentityProviderManager identities;
    // Request-scoped: looked up inside the request context activated below.
    private final Instance<CurrentIdentityAssociation> association;
    private final Instance<CurrentCaller> currentCaller;

    public CallerResolver(IdentityProviderManager identities, Instance<CurrentIdentityAssociation> association,
                          Instance<CurrentCaller> currentCaller) {
        this.identities = identities;
        this.association = association;
        this.currentCaller = currentCaller;
    }

    /** Authenticates the request (an invalid token fails with AuthenticationFailedException) and maps it. */
    public Future<Caller> resolve(RoutingContext rc) {
        return Future.fromCompletionStage(QuarkusHttpUser.getSecurityIdentity(rc, identities).subscribeAsCompletionStage())
                .map(this::toCaller);
    }

    private Caller toCaller(SecurityIdentity identity) {
        ManagedContext requestContext = Arc.container().requestContext();
        boolean activated = !requestContext.isActive();
        if (activated) {
            requestContext.activate();
        }
        try {
            association.get().setIdentity(identity);
            return currentCaller.get().get();
        } finally {
            if (activated) {
                requestContext.terminate();
            }
        }
    }
}
