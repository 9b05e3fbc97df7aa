package com.powerx.devhotload.session.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.ErrorCode;
import com.powerx.devhotload.platform.security.Caller;
import com.powerx.devhotload.platform.security.CallerFactory;
import com.powerx.devhotload.platform.web.EnvelopeWriter;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the GraphQL endpoint answers at the HTTP level, before SmallRye runs: 404 envelope with {@code PX_ADMIN_DEV_MODE=0}
 * (like the REST admin API), and the 401 envelope for a caller that is not a tenant member (no or a bad credential,
 * or a session's reload token) — an HTTP authentication failure, not a GraphQL error. Everything else (403, 404 of a
 * session, 400) is decided by the admin services and answered as GraphQL errors with {@code extensions.error_code};
 * a query that does not parse is answered here ({@link SyntaxCheck}), since SmallRye would hide what and where.
 */
@ApplicationScoped
public class AdminGraphQLGate {

    static final long MAX_BODY_BYTES = 1024 * 1024;

    private final CallerFactory callers;
    private final ObjectMapper mapper;
    private final boolean adminMode;
    private final String root;
    private final SyntaxCheck syntax;

    public AdminGraphQLGate(CallerFactory callers, ObjectMapper mapper,
                            @ConfigProperty(name = "px.admin.dev-mode", defaultValue = "true") boolean adminMode,
                            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path") String root,
                            @ConfigProperty(name = "quarkus.smallrye-graphql.parser-max-tokens") int maxTokens) {
        this.callers = callers;
        this.mapper = mapper;
        this.adminMode = adminMode;
        this.root = root;
        this.syntax = new SyntaxCheck(mapper, maxTokens);
    }

    void install(@Observes Router router) {
        // After the authentication filter (negative order: it sets up the deferred identity) and ahead of SmallRye's
        // route, which is registered without an order (so it sorts by registration, from 0 up).
        // The body is read here (once: SmallRye's own body handler sees it was) so that the syntax check can parse it;
        // an admin query has no business being larger than 1 MiB (413 envelope).
        // Three routes in order, since Vert.x takes a body handler only ahead of a route's other handlers.
        int order = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1;
        router.route(root + "*").order(order).handler(this::check);
        // POSTed queries only (GET queries are off, SmallRye's default): not the schema at <root>/schema.graphql.
        router.post(root).order(order + 1).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .failureHandler(this::tooLarge);
        router.post(root).order(order + 2).handler(syntax::handle);
    }

    /** A failure handler sees every failure on its path (e.g. the 401 of authentication): only the body limit is ours. */
    private void tooLarge(RoutingContext rc) {
        if (rc.statusCode() != 413) {
            rc.next();
            return;
        }
        EnvelopeWriter.write(rc, mapper, new ApiException(ErrorCode.DEV_PAYLOAD_TOO_LARGE, "query_too_large",
                "a GraphQL request is at most " + MAX_BODY_BYTES + " bytes"));
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
