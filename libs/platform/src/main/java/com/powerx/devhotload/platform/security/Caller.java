package com.powerx.devhotload.platform.security;

import com.powerx.devhotload.platform.api.ApiException;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, reduced to what every query and stream filter needs: the tenant, the developer, the permissions,
 * or — for the CLI's session-scoped calls — the raw reload token that the owning service checks against its hash.
 */
public record Caller(Kind kind, String tenantId, String developerId, Set<String> permissions, String reloadToken) {

    /**
     * How the caller proved who it is. {@code TOKEN} is any verified credential naming a tenant: a JWT, or an mTLS
     * client certificate (which carries no permissions).
     */
    public enum Kind { ANONYMOUS, LOCAL, TOKEN, RELOAD_TOKEN }

    public static final Caller ANONYMOUS = new Caller(Kind.ANONYMOUS, null, null, Set.of(), null);

    public boolean isAnonymous() {
        return kind == Kind.ANONYMOUS;
    }

    /** A caller identified as a tenant member (local or JWT), not merely holding a session's reload token. */
    public boolean hasTenant() {
        return tenantId != null;
    }

    public boolean has(String permission) {
        return permissions.contains(permission);
    }

    public Optional<String> reloadTokenValue() {
        return Optional.ofNullable(reloadToken);
    }

    /** The caller's tenant, or 401 when it has none (anonymous, or only a reload token). */
    public String requireTenant() {
        if (tenantId == null) {
            throw ApiException.unauthorized("credentials required");
        }
        return tenantId;
    }

    /** 401 without an identity, 403 without the permission. */
    public void require(String permission) {
        requireTenant();
        if (!has(permission)) {
            throw ApiException.forbidden("permission " + permission + " required");
        }
    }

    /**
     * Whether this caller may see data of {@code tenant}: its own, or any for a token holding the global admin
     * permission. The local-mode developer stays in tenant "local": local mode must not open other tenants' data
     * to anyone who can reach the loopback address.
     */
    public boolean canSeeTenant(String tenant) {
        return tenantId != null && (tenantId.equals(tenant) || isGlobalAdmin());
    }

    public boolean isGlobalAdmin() {
        return kind == Kind.TOKEN && has(Permissions.ADMIN_GLOBAL);
    }
}
