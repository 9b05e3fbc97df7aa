package com.powerx.devhotload.platform.kafka;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PX_KAFKA_* variables, through libs/platform's defaults (META-INF/microprofile-config.properties), become the
 * security settings of the hand-built clients; unset ones add nothing (an empty value would be an invalid setting).
 * That every client of every service really uses them is shown end to end: the e2e suite's services reach Kafka only
 * through the broker's SASL/SCRAM listener (e2e Suite, devstack KafkaSaslListenerTest).
 */
class KafkaClientSecurityTest {

    @Test
    void unsetMeansAPlainListenerAndNoEmptySettings() {
        assertThat(KafkaClientSecurity.settings(config(Map.of()))).isEqualTo(Map.of("security.protocol", "PLAINTEXT"));
    }

    @Test
    void aStrimziScramUserOverTlsIsPassedOnWhole() {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"px\" password=\"s3cr=t;\";";
        String ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        Map<String, Object> settings = KafkaClientSecurity.settings(config(Map.of(
                "PX_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "PX_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "PX_KAFKA_SASL_JAAS_CONFIG", jaas,
                "PX_KAFKA_TRUSTSTORE_TYPE", "PEM",
                "PX_KAFKA_TRUSTSTORE_CERTIFICATES", ca)));

        assertThat(settings).containsOnly(
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("sasl.jaas.config", jaas),
                Map.entry("ssl.truststore.type", "PEM"),
                Map.entry("ssl.truststore.certificates", ca));
    }

    @Test
    void quarkusOwnKafkaVariablesWinAsForTheChannels() {
        Map<String, Object> settings = KafkaClientSecurity.settings(config(Map.of(
                "PX_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "kafka.security.protocol", "SSL",
                "kafka.ssl.truststore.location", "/etc/kafka-ca/ca.p12")));
        assertThat(settings).containsEntry("security.protocol", "SSL").containsEntry("ssl.truststore.location", "/etc/kafka-ca/ca.p12");
    }

    private static SmallRyeConfig config(Map<String, String> given) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors() // expressions: ${PX_…:default}
                .withSources(new PropertiesConfigSource(given, "test", 500))
                .withSources(new PropertiesConfigSource(platformDefaults("/META-INF/microprofile-config.properties"), "platform-defaults", 100))
                .build();
    }

    private static Map<String, String> platformDefaults(String resource) {
        var properties = new java.util.Properties();
        try (var in = KafkaClientSecurityTest.class.getResourceAsStream(resource)) {
            properties.load(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> map = new java.util.HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }
}
