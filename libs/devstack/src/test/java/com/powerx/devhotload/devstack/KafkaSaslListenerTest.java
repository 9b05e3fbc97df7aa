package com.powerx.devhotload.devstack;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The broker process's SASL/SCRAM listener, which the e2e suite's services connect through: the SCRAM user written at
 * format time gets in, a wrong password does not, and a client that does not speak SASL gets nothing.
 */
class KafkaSaslListenerTest {

    private static KafkaBrokerProcess broker;
    private static KafkaNode.SaslListener sasl;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBrokerProcess.start(Files.createTempDirectory("px-sasl-"), FreePorts.next(), FreePorts.next());
        sasl = broker.sasl().orElseThrow();
        DevStack.createTopics(broker.bootstrapServers(), List.of("devstack.sasl"));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Test
    void theScramUserProducesThroughIt() throws Exception {
        try (var producer = producer(sasl.jaasConfig(), "SASL_PLAINTEXT")) {
            assertThat(producer.send(new ProducerRecord<>("devstack.sasl", "k", "authenticated")).get(30, TimeUnit.SECONDS).offset())
                    .isNotNegative();
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        String wrong = new KafkaNode.SaslListener(sasl.bootstrapServers(), sasl.mechanism(), sasl.username(), "not-the-password").jaasConfig();
        try (var producer = producer(wrong, "SASL_PLAINTEXT")) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("devstack.sasl", "k", "refused")).get(30, TimeUnit.SECONDS))
                    .satisfiesAnyOf(e -> assertThat(e).isInstanceOf(SaslAuthenticationException.class),
                            e -> assertThat(e).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class));
        }
    }

    @Test
    void aPlainClientGetsNothingThere() {
        try (var producer = producer(null, "PLAINTEXT")) {
            // The listener waits for a SASL handshake and drops the plain request: no metadata, the send times out.
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("devstack.sasl", "k", "plain")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }

    private static KafkaProducer<String, String> producer(String jaasConfig, String protocol) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, sasl.bootstrapServers());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 6_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        if (jaasConfig != null) {
            config.put(SaslConfigs.SASL_MECHANISM, sasl.mechanism());
            config.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig);
        }
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }
}
