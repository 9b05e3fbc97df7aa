package com.powerx.devhotload.platform.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@link Caller} of the current request, derived once from its security identity. Resources inject this
 * (request scoped, so safe in singleton resources) and pass the {@link Caller} value on to their services.
 * Authentication is lazy: reactive resources use {@link #deferred()} (it never blocks the event loop), blocking ones
 * may use {@link #get()}. A bad token fails either with the 401 envelope.
 */
@RequestScoped
public class CurrentCaller {

    private final CurrentIdentityAssociation association;
    private final AuthConfig config;
    private Caller caller;

    public CurrentCaller(CurrentIdentityAssociation association, AuthConfig config) {
        this.association = association;
        this.config = config;
    }

    /** For resources running on a worker thread. */
    public Caller get() {
        if (caller == null) {
            caller = from(association.getIdentity());
        }
        return caller;
    }

    /** For reactive resources: resolves the identity without blocking. */
    public Uni<Caller> deferred() {
        if (caller != null) {
            return Uni.createFrom().item(caller);
        }
        return association.getDeferredIdentity().map(identity -> {
            caller = from(identity);
            return caller;
        });
    }

    private Caller from(SecurityIdentity identity) {
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
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            String tenant = claimString(jwt, config.tenantClaim());
            if (tenant == null || tenant.isBlank()) {
                // A token that names no tenant cannot be scoped to one; treat it as no identity at all.
                return Caller.ANONYMOUS;
            }
            Set<String> permissions = new HashSet<>(identity.getRoles());
            permissions.addAll(claimStrings(jwt, "groups"));
            permissions.addAll(claimStrings(jwt, "roles"));
            return new Caller(Caller.Kind.TOKEN, tenant, jwt.getSubject(), Set.copyOf(permissions), null);
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
