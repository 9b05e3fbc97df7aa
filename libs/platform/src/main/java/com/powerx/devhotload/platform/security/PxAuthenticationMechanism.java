package com.powerx.devhotload.platform.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * The one authentication mechanism of every service (CONTRACT.md §2). JWTs — in a header or the cookie — are handed
 * to quarkus-oidc's identity provider (a real IdP in {@code oidc} mode, the local dev key in {@code local} mode).
 * Opaque tokens are session reload tokens: they become an identity that carries the raw token, which only the
 * service that owns the session's token hash can check. In {@code local} mode a loopback caller without
 * credentials is the local developer with every permission.
 */
@ApplicationScoped
@Priority(1)
public class PxAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String ATTR_TENANT = "px.tenant";
    static final String ATTR_RELOAD_TOKEN = "px.reloadToken";
    static final String LOCAL = "local";

    private final AuthConfig config;

    public PxAuthenticationMechanism(AuthConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = CredentialSources.token(context.request());
        if (token == null) {
            if (config.mode() == AuthMode.LOCAL && isLoopback(context.request().remoteAddress())) {
                return Uni.createFrom().item(localDeveloper());
            }
            return Uni.createFrom().nullItem();
        }
        if (CredentialSources.isJwt(token)) {
            TokenAuthenticationRequest request = new TokenAuthenticationRequest(new AccessTokenCredential(token));
            return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, context));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("reload-token"))
                .addAttribute(ATTR_RELOAD_TOKEN, token)
                .build());
    }

    private static SecurityIdentity localDeveloper() {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(LOCAL))
                .addAttribute(ATTR_TENANT, LOCAL)
                .addRoles(Permissions.ALL)
                .build();
    }

    static boolean isLoopback(SocketAddress address) {
        if (address == null || address.hostAddress() == null) {
            return false;
        }
        try {
            return InetAddress.getByName(address.hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        // Ahead of quarkus-oidc's own mechanism, which would reject opaque reload tokens outright.
        return DEFAULT_PRIORITY + 1000;
    }
}
