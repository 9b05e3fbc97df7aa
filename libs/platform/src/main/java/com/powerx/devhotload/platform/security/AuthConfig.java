package com.powerx.devhotload.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.util.List;

/** How callers are identified; env vars {@code PX_AUTH_MODE}, {@code PX_AUTH_TENANT_CLAIM} (and a service's mTLS switch). */
@ConfigMapping(prefix = "px.auth")
public interface AuthConfig {

    /** local (the default of deploy/local/up) or oidc (the cluster default). */
    @WithDefault("oidc")
    AuthMode mode();

    /** JWT claim that names the caller's tenant. */
    @WithName("tenant-claim")
    @WithDefault("tenant_id")
    String tenantClaim();

    /** Client certificates (CONTRACT.md §2); session-service maps {@code PX_DEV_REQUIRE_MTLS} here. */
    Mtls mtls();

    /** mTLS client-certificate authentication; the TLS listener itself is the service's TLS registry configuration. */
    interface Mtls {

        /** When true a verified client certificate identifies its caller, and calls under {@link #paths()} need one. */
        @WithDefault("false")
        boolean required();

        /** Path prefixes whose calls must present a certificate; health, metrics and OpenAPI stay open to probes. */
        @WithDefault("/internal/dev/")
        List<String> paths();
    }
}
