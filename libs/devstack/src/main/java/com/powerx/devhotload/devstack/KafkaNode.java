package com.powerx.devhotload.devstack;

/** A Kafka cluster endpoint that the devstack can stop. */
public interface KafkaNode extends AutoCloseable {

    /** {@code host:port} list for {@code bootstrap.servers}. */
    String bootstrapServers();

    @Override
    void close() throws Exception;

    /** An already running cluster (e.g. {@code PX_KAFKA_BOOTSTRAP}); closing it does nothing. */
    static KafkaNode external(String bootstrap) {
        return new KafkaNode() {
            @Override public String bootstrapServers() { return bootstrap; }
            @Override public void close() { }
        };
    }
}
