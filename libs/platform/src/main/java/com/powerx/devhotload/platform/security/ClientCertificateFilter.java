package com.powerx.devhotload.platform.security;

import com.powerx.devhotload.platform.api.ApiException;
import com.powerx.devhotload.platform.api.Responses;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * With mTLS on, a call under {@code px.auth.mtls.paths} needs a verified client certificate, whatever else it carries
 * (a JWT, a reload token in the header or the body, or nothing from a loopback address in local mode): 401 with the
 * error envelope otherwise. Enforced here rather than only in the mechanism because authentication is lazy, and a call
 * whose resource never asks for the identity (a reload token in the body) would otherwise skip the check.
 * The one exception is a suite service token ({@link Permissions#SERVICE}): the orchestrator fetches bundle blobs
 * over the cluster-internal plain-HTTP listener and holds no client certificate.
 */
public class ClientCertificateFilter {

    private final AuthConfig config;
    private final CurrentCaller caller;

    public ClientCertificateFilter(AuthConfig config, CurrentCaller caller) {
        this.config = config;
        this.caller = caller;
    }

    // After the feature flags (priority USER), so a closed Dev API still answers DEV_FEATURE_DISABLED.
    @ServerRequestFilter(preMatching = true, priority = Priorities.USER + 10)
    public Uni<Response> requireCertificate(HttpServerRequest request) {
        if (!config.mtls().required() || !guarded(request.path())) {
            return Uni.createFrom().nullItem();
        }
        try {
            if (ClientCertificate.of(request).isPresent()) {
                return Uni.createFrom().nullItem();
            }
        } catch (ApiException refused) {
            return Uni.createFrom().item(Responses.error(refused));
        }
        return caller.deferred()
                .onFailure().recoverWithItem(Caller.ANONYMOUS)
                .map(c -> isServiceToken(c) ? null : Responses.error(ApiException.unauthorized(
                        "a client certificate is required (mTLS): present one issued by this installation's client CA")));
    }

    private boolean guarded(String path) {
        return path != null && config.mtls().paths().stream().anyMatch(path::startsWith);
    }

    private static boolean isServiceToken(Caller caller) {
        return caller.kind() == Caller.Kind.TOKEN && caller.has(Permissions.SERVICE);
    }
}
