package com.powerx.devhotload.devstack;

/** A Kafka cluster endpoint that the devstack can stop. */
public interface KafkaNode extends AutoCloseable {

    /** {@code host:port} list for {@code bootstrap.servers}. */
    String bootstrapServers();

    @Override
    void close() throws Exception;

    /** A listener that requires SASL/SCRAM, when this cluster has one (a broker process started here does). */
    default java.util.Optional<SaslListener> sasl() {
        return java.util.Optional.empty();
    }

    /** A SASL_PLAINTEXT listener with one SCRAM user, as a Strimzi KafkaUser gives a service (over TLS there). */
    record SaslListener(String bootstrapServers, String mechanism, String username, String password) {

        /** The client's {@code sasl.jaas.config}, the form a Strimzi KafkaUser Secret holds under that key. */
        public String jaasConfig() {
            return scramJaasConfig(username, password);
        }

        /** The {@code sasl.jaas.config} of any SCRAM user (the e2e suite gives each service one of its own). */
        public static String scramJaasConfig(String username, String password) {
            return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username
                    + "\" password=\"" + password + "\";";
        }
    }

    /** An already running cluster (e.g. {@code PX_KAFKA_BOOTSTRAP}); closing it does nothing. */
    static KafkaNode external(String bootstrap) {
        return new KafkaNode() {
            @Override public String bootstrapServers() { return bootstrap; }
            @Override public void close() { }
        };
    }
}
