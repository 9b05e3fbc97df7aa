package com.powerx.devhotload.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** How callers are identified; env vars {@code PX_AUTH_MODE}, {@code PX_AUTH_TENANT_CLAIM}. */
@ConfigMapping(prefix = "px.auth")
public interface AuthConfig {

    /** local (the default of deploy/local/up) or oidc (the cluster default). */
    @WithDefault("oidc")
    AuthMode mode();

    /** JWT claim that names the caller's tenant. */
    @WithName("tenant-claim")
    @WithDefault("tenant_id")
    String tenantClaim();
}
