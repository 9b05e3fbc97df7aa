package com.powerx.devhotload.devstack;

import com.powerx.devhotload.contracts.Topics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The infrastructure of {@code deploy/local/up}: PostgreSQL, Redis and a Kafka broker process with their data
 * under one folder, so a restart keeps sessions, streams and topics. Each part is skipped when its
 * {@code PX_*} variable points at an external server. Runs until SIGTERM, then stops what it started.
 */
public final class LocalInfra {

    /** Databases of the services that own one (docs/architecture.md). */
    public static final List<String> DATABASES = List.of("px_session", "px_sandbox", "px_diagnostics", "px_tickets");

    private LocalInfra() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(arg(args, "--data", "deploy/local/.data")).toAbsolutePath();
        int pgPort = Integer.parseInt(arg(args, "--pg-port", "15432"));
        int redisPort = Integer.parseInt(arg(args, "--redis-port", "16379"));
        int kafkaPort = Integer.parseInt(arg(args, "--kafka-port", "19092"));
        Path readyFile = data.resolve("infra.ready");
        Files.deleteIfExists(readyFile);

        List<AutoCloseable> started = new ArrayList<>();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable c : started.reversed()) {
                try { c.close(); } catch (Exception e) { System.err.println("stop failed: " + e); }
            }
            try { Files.deleteIfExists(readyFile); } catch (Exception ignored) { }
            stop.countDown();
        }, "local-infra-shutdown"));

        var env = System.getenv();
        PostgresNode pg = env.containsKey("PX_PG_URL") ? PostgresNode.external(env.get("PX_PG_URL"))
                : add(started, PostgresNode.embedded(data.resolve("pg-work"), data.resolve("pg"), pgPort, true));
        DATABASES.forEach(pg::ensureDatabase);
        log("postgres   " + pg.baseUrl());
        RedisNode redis = env.containsKey("PX_REDIS_URL") ? RedisNode.external(env.get("PX_REDIS_URL"))
                : add(started, RedisNode.embedded(data.resolve("redis"), redisPort));
        log("redis      " + redis.uri());
        KafkaNode kafka = env.containsKey("PX_KAFKA_BOOTSTRAP") ? KafkaNode.external(env.get("PX_KAFKA_BOOTSTRAP"))
                : add(started, KafkaBrokerProcess.start(data.resolve("kafka"), kafkaPort, kafkaPort + 1));
        DevStack.createTopics(kafka.bootstrapServers(), Topics.ALL);
        log("kafka      " + kafka.bootstrapServers());

        Files.writeString(readyFile, String.join("\n",
                "PX_PG_URL=" + pg.baseUrl(), "PX_REDIS_URL=" + redis.uri(), "PX_KAFKA_BOOTSTRAP=" + kafka.bootstrapServers()) + "\n");
        log("infrastructure ready");
        stop.await();
    }

    private static <T extends AutoCloseable> T add(List<AutoCloseable> started, T node) {
        started.add(node);
        return node;
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static void log(String line) {
        System.out.println("[local-infra] " + line);
    }
}
