package com.powerx.devhotload.platform.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Refuses to start with mTLS required but no way to verify a client certificate: without a server key pair there is
 * no HTTPS listener, without a client CA no certificate can be verified, without client-auth none is asked for — and
 * every Dev API call would then be a puzzling 401. A misconfigured pod should fail loudly at start instead.
 */
@ApplicationScoped
public class ClientCertificateSetup {

    private final AuthConfig config;
    private final TlsConfigurationRegistry registry;
    private final Optional<String> tlsConfigurationName;
    private final String clientAuth;

    public ClientCertificateSetup(AuthConfig config, TlsConfigurationRegistry registry,
            @ConfigProperty(name = "quarkus.http.tls-configuration-name") Optional<String> tlsConfigurationName,
            @ConfigProperty(name = "quarkus.http.ssl.client-auth", defaultValue = "none") String clientAuth) {
        this.config = config;
        this.registry = registry;
        this.tlsConfigurationName = tlsConfigurationName;
        this.clientAuth = clientAuth;
    }

    void check(@Observes StartupEvent start) {
        if (!config.mtls().required()) {
            return;
        }
        TlsConfiguration tls = TlsConfiguration.from(registry, tlsConfigurationName).orElse(null);
        if (tls == null || tls.getKeyStoreOptions() == null || tls.getTrustStoreOptions() == null) {
            throw new IllegalStateException("mTLS is required (PX_DEV_REQUIRE_MTLS=true) but the HTTPS listener is not "
                    + "configured: set PX_DEV_TLS_CERT, PX_DEV_TLS_KEY (server key pair, PEM) and PX_DEV_TLS_CLIENT_CA "
                    + "(the CA that issues client certificates, PEM)");
        }
        if ("none".equalsIgnoreCase(clientAuth)) {
            throw new IllegalStateException("mTLS is required but quarkus.http.ssl.client-auth is none: no client "
                    + "certificate would ever be asked for");
        }
    }
}
