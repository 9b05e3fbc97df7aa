package com.powerx.devhotload.session.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps {@code PX_DEV_TLS_CERT}, {@code PX_DEV_TLS_KEY} and {@code PX_DEV_TLS_CLIENT_CA} (PEM paths; env vars or
 * properties of those names) onto the TLS registry configuration {@code px-dev} that the HTTP server uses — but only
 * the ones that are set. Written as
 * {@code quarkus.tls.px-dev.key-store.pem.server.cert=${PX_DEV_TLS_CERT:}} in application.properties, the key pair
 * {@code server} would exist with an empty path whenever mTLS is off, and Quarkus refuses to start on that.
 */
public class HttpsListenerConfig implements ConfigSourceFactory {

    static final String PREFIX = "quarkus.tls.px-dev.";

    private static final Map<String, String> SOURCES = Map.of(
            "PX_DEV_TLS_CERT", PREFIX + "key-store.pem.server.cert",
            "PX_DEV_TLS_KEY", PREFIX + "key-store.pem.server.key",
            "PX_DEV_TLS_CLIENT_CA", PREFIX + "trust-store.pem.certs");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Map<String, String> properties = new HashMap<>();
        SOURCES.forEach((env, property) -> {
            ConfigValue value = context.getValue(env);
            if (value != null && value.getValue() != null && !value.getValue().isBlank()) {
                properties.put(property, value.getValue().trim());
            }
        });
        if (properties.containsKey(PREFIX + "trust-store.pem.certs")) {
            // An expired client certificate fails the handshake outright (the default only logs before the PKIX check).
            properties.put(PREFIX + "trust-store.certificate-expiration-policy", "reject");
        }
        // Below application.properties (250): an explicit quarkus.tls.px-dev.* setting there, or in a test, wins.
        return List.of(new PropertiesConfigSource(properties, "px-dev-tls-env", 200));
    }
}
