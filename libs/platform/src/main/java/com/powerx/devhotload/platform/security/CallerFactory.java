package com.powerx.devhotload.platform.security;

import com.powerx.devhotload.platform.api.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The one place where a security identity becomes a {@link Caller}. JAX-RS resources reach it through the request
 * scoped {@link CurrentCaller}; plain Vert.x routes (the stream gateway's SSE endpoints), which have an identity but
 * no request context, call {@link #from(SecurityIdentity)} directly.
 */
@ApplicationScoped
public class CallerFactory {

    private final AuthConfig config;

    public CallerFactory(AuthConfig config) {
        this.config = config;
    }

    /**
     * {@link Caller#ANONYMOUS} for no identity, an anonymous one, or a JWT that names no tenant. A JWT sent with a client
     * certificate must name the certificate's tenant (401 otherwise); the JWT then gives the developer and permissions.
     */
    public Caller from(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Caller.ANONYMOUS;
        }
        String reloadToken = identity.getAttribute(PxAuthenticationMechanism.ATTR_RELOAD_TOKEN);
        if (reloadToken != null) {
            return new Caller(Caller.Kind.RELOAD_TOKEN, null, null, Set.of(), reloadToken);
        }
        String localTenant = identity.getAttribute(PxAuthenticationMechanism.ATTR_TENANT);
        if (localTenant != null) {
            return new Caller(Caller.Kind.LOCAL, localTenant, identity.getPrincipal().getName(), identity.getRoles(), null);
        }
        String certificateTenant = identity.getAttribute(PxAuthenticationMechanism.ATTR_CERTIFICATE_TENANT);
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            String tenant = claimString(jwt, config.tenantClaim());
            if (certificateTenant != null && !certificateTenant.equals(tenant)) {
                // Two credentials naming different tenants: trusting either would let one stand in for the other.
                throw ApiException.unauthorized("the token's tenant does not match the client certificate's organisation (O)");
            }
            if (tenant == null || tenant.isBlank()) {
                // A token that names no tenant cannot be scoped to one; treat it as no identity at all.
                return Caller.ANONYMOUS;
            }
            Set<String> permissions = new HashSet<>(identity.getRoles());
            permissions.addAll(claimStrings(jwt, "groups"));
            permissions.addAll(claimStrings(jwt, "roles"));
            return new Caller(Caller.Kind.TOKEN, tenant, jwt.getSubject(), Set.copyOf(permissions), null);
        }
        if (certificateTenant != null) {
            return new Caller(Caller.Kind.TOKEN, certificateTenant, identity.getPrincipal().getName(), Set.of(), null);
        }
        return Caller.ANONYMOUS;
    }

    private static String claimString(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        if (value == null) {
            return null;
        }
        if (value instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        return value.toString();
    }

    private static Set<String> claimStrings(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        Set<String> out = new HashSet<>();
        if (value instanceof Collection<?> values) {
            for (Object v : values) {
                out.add(v instanceof jakarta.json.JsonString s ? s.getString() : String.valueOf(v));
            }
        } else if (value instanceof jakarta.json.JsonString s) {
            out.add(s.getString());
        } else if (value instanceof String s) {
            out.add(s);
        }
        return out;
    }
}
