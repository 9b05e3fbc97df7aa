package com.powerx.devhotload.devstack;

import com.powerx.devhotload.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared stack really runs PostgreSQL, Redis and Kafka, with the contract's topics. */
class DevStackTest {

    private final DevStack stack = DevStack.shared();

    @Test
    void postgresAcceptsQueriesInAFreshDatabase() throws Exception {
        stack.postgres().ensureDatabase("px_devstack_test");
        stack.postgres().ensureDatabase("px_devstack_test"); // idempotent
        try (var c = DriverManager.getConnection(stack.postgres().jdbcUrl("px_devstack_test"), stack.postgres().user(), stack.postgres().password());
             var rs = c.createStatement().executeQuery("select current_database(), version()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("px_devstack_test");
            assertThat(rs.getString(2)).startsWith("PostgreSQL 18");
        }
    }

    @Test
    void redisAnswersPing() throws Exception {
        URI uri = URI.create(stack.redis().uri());
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("+PONG");
        }
    }

    @Test
    void kafkaHasEveryContractTopicAndDeliversRecords() throws Exception {
        String bootstrap = stack.kafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            assertThat(admin.listTopics().names().get()).containsAll(Topics.ALL);
        }
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.SESSION_LOG, "s1", "hello")).get();
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "devstack-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.SESSION_LOG));
            long deadline = System.currentTimeMillis() + 20_000;
            String seen = null;
            while (seen == null && System.currentTimeMillis() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if ("s1".equals(r.key())) seen = r.value();
                }
            }
            assertThat(seen).isEqualTo("hello");
        }
    }

    @Test
    void brokerProcessKeepsRecordsAcrossAKill() throws Exception {
        var dir = stack.runDir().resolve("broker-process");
        int port = FreePorts.next();
        var broker = KafkaBrokerProcess.start(dir, port, FreePorts.next());
        try {
            DevStack.createTopics(broker.bootstrapServers(), List.of("devstack.durable"));
            var props = Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
            try (var producer = new KafkaProducer<String, String>(props, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("devstack.durable", "k", "survives")).get();
            }
            broker.kill();
            broker.restart();
            try (var consumer = new KafkaConsumer<String, String>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "durable-test",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("devstack.durable"));
                long deadline = System.currentTimeMillis() + 60_000;
                String seen = null;
                while (seen == null && System.currentTimeMillis() < deadline) {
                    for (var r : consumer.poll(Duration.ofMillis(200))) seen = r.value();
                }
                assertThat(seen).isEqualTo("survives");
            }
        } finally {
            broker.close();
        }
    }
}
