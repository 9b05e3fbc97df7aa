package com.powerx.devhotload.platform.kafka;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How every Kafka client of a service authenticates to the brokers and trusts them (docs/kubernetes.md, "Kafka authentication").
 * The connector's channels take the {@code kafka.*} properties by themselves; the clients the services build by hand
 * (the outbox relay's producer, the orchestrator's log producer, the gateway's consumer, diagnostics' admin client)
 * take them from here, so that a broker that requires SASL or TLS is reached by all of them or by none.
 */
public final class KafkaClientSecurity {

    /** The client settings that concern security, read as {@code kafka.<name>} (libs/platform's defaults map PX_KAFKA_*). */
    static final List<String> SETTINGS = List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config",
            "ssl.truststore.type", "ssl.truststore.certificates", "ssl.truststore.location", "ssl.truststore.password",
            "ssl.endpoint.identification.algorithm");

    private KafkaClientSecurity() {
    }

    /** The security settings of this service's configuration, for a hand-built client; empty on a plain listener. */
    public static Map<String, Object> settings() {
        return settings(ConfigProvider.getConfig());
    }

    static Map<String, Object> settings(Config config) {
        Map<String, Object> settings = new HashMap<>();
        for (String name : SETTINGS) {
            // An empty value (an unset PX_* with an empty default) is no value: the client's own default applies.
            config.getOptionalValue("kafka." + name, String.class).filter(v -> !v.isBlank()).ifPresent(v -> settings.put(name, v));
        }
        return settings;
    }
}
