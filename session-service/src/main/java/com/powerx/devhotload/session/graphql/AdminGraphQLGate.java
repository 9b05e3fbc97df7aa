package com.powerx.devhotload.session.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.platform.security.CallerFactory;
import com.powerx.devhotload.platform.web.EnvelopeWriter;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the GraphQL endpoint answers at the HTTP level, before SmallRye runs: 404 envelope with {@code PX_ADMIN_DEV_MODE=0}
 * (like the REST admin API), and the 401 envelope for a caller that is not a tenant member (no or a bad credential,
 * or a session's reload token) — an HTTP authentication failure, not a GraphQL error. Everything else (403, 404 of a
 * session, 400) is decided by the admin services and answered as GraphQL errors with {@code extensions.error_code}.
 */
@ApplicationScoped
public class AdminGraphQLGate {

    private final CallerFactory callers;
    private final ObjectMapper mapper;
    private final boolean adminMode;
    private final String root;

    public AdminGraphQLGate(CallerFactory callers, ObjectMapper mapper,
                            @ConfigProperty(name = "px.admin.dev-mode", defaultValue = "true") boolean adminMode,
                            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path") String root) {
        this.callers = callers;
        this.mapper = mapper;
        this.adminMode = adminMode;
        this.root = root;
    }

    void install(@Observes Router router) {
        // After the authentication filter (negative order: it sets up the deferred identity) and ahead of SmallRye's
        // route, which is registered without an order (so it sorts by registration, from 0 up).
        router.route(root + "*").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(this::check);
    }

    private void check(RoutingContext rc) {
        if (!adminMode) {
            EnvelopeWriter.write(rc, mapper, ApiException.notFound("resource"));
            return;
        }
        QuarkusHttpUser.getSecurityIdentity(rc, null).subscribe().with(
                identity -> admit(rc, identity),
                failure -> EnvelopeWriter.write(rc, mapper, ApiException.unauthorized("missing or invalid credentials")));
    }

    private void admit(RoutingContext rc, SecurityIdentity identity) {
        Caller caller;
        try {
            caller = callers.from(identity);
        } catch (ApiException e) {
            EnvelopeWriter.write(rc, mapper, e);
            return;
        }
        if (!caller.hasTenant()) {
            EnvelopeWriter.write(rc, mapper, ApiException.unauthorized("credentials required"));
            return;
        }
        rc.next();
    }
}
