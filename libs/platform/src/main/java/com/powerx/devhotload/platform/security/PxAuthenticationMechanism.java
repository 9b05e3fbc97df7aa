package com.powerx.devhotload.platform.security;

import com.powerx.devhotload.platform.api.ApiException;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.AuthenticationFailedException;
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
import java.util.Optional;
import java.util.Set;

/**
 * The one authentication mechanism of every service (CONTRACT.md §2). JWTs — in a header or the cookie — are handed
 * to quarkus-oidc's identity provider (a real IdP in {@code oidc} mode, the local dev key in {@code local} mode).
 * Opaque tokens are session reload tokens: they become an identity that carries the raw token, which only the
 * service that owns the session's token hash can check. In {@code local} mode a loopback caller without
 * credentials is the local developer with every permission. With mTLS on ({@code px.auth.mtls.required}) a verified
 * client certificate identifies a caller that sends no token, and is carried along with a JWT so that
 * {@link CallerFactory} can insist both name the same tenant.
 */
@ApplicationScoped
@Priority(1)
public class PxAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String ATTR_TENANT = "px.tenant";
    static final String ATTR_RELOAD_TOKEN = "px.reloadToken";
    static final String ATTR_CERTIFICATE_TENANT = "px.certificate.tenant";
    static final String LOCAL = "local";

    private final AuthConfig config;

    public PxAuthenticationMechanism(AuthConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Optional<ClientCertificate> certificate;
        try {
            certificate = config.mtls().required() ? ClientCertificate.of(context.request()) : Optional.empty();
        } catch (ApiException unusable) {
            // Expired, or no O/CN: never an identity (on the Dev API ClientCertificateFilter has already said why).
            return Uni.createFrom().failure(new AuthenticationFailedException(unusable.getMessage()));
        }
        String token = CredentialSources.token(context.request());
        if (token == null) {
            if (certificate.isPresent()) {
                return Uni.createFrom().item(certificateHolder(certificate.get()));
            }
            if (config.mode() == AuthMode.LOCAL && isLoopback(context.request().remoteAddress())) {
                return Uni.createFrom().item(localDeveloper());
            }
            return Uni.createFrom().nullItem();
        }
        if (CredentialSources.isJwt(token)) {
            TokenAuthenticationRequest request = new TokenAuthenticationRequest(new AccessTokenCredential(token));
            Uni<SecurityIdentity> jwt = identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, context));
            return certificate.isEmpty() ? jwt : jwt.map(identity -> QuarkusSecurityIdentity.builder(identity)
                    .addAttribute(ATTR_CERTIFICATE_TENANT, certificate.get().tenant())
                    .build());
        }
        // A reload token is its session's own proof; the certificate only had to be there (ClientCertificateFilter).
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("reload-token"))
                .addAttribute(ATTR_RELOAD_TOKEN, token)
                .build());
    }

    /** Developer-level: the tenant and the developer, no permissions (admin rights come only from a JWT). */
    private static SecurityIdentity certificateHolder(ClientCertificate certificate) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(certificate.developer()))
                .addAttribute(ATTR_CERTIFICATE_TENANT, certificate.tenant())
                .build();
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
