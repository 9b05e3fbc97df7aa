package com.powerx.devhotload.devstack;

import com.powerx.devhotload.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * Real PostgreSQL, Redis and Kafka for one test JVM: started once, on free ports, shared by every test class
 * of a module, stopped (and its files deleted) by a shutdown hook — also when tests fail.
 * {@code PX_PG_URL}, {@code PX_REDIS_URL} and {@code PX_KAFKA_BOOTSTRAP} make it use external servers instead.
 */
public final class DevStack implements AutoCloseable {

    /** Partitions per topic: more than one, so per-key ordering is really exercised. */
    public static final int PARTITIONS = 3;

    private static DevStack shared;

    private final Path runDir;
    private final PostgresNode postgres;
    private final RedisNode redis;
    private final KafkaNode kafka;
    private S3ProxyNode s3;

    private DevStack(Path runDir, PostgresNode postgres, RedisNode redis, KafkaNode kafka) {
        this.runDir = runDir;
        this.postgres = postgres;
        this.redis = redis;
        this.kafka = kafka;
    }

    // Quarkus loads test classes again for each test profile, so a static field alone would start a second stack;
    // system properties are JVM-wide and let later class loaders attach to the one already running.
    private static final String PG_PROPERTY = "px.devstack.pg-url";
    private static final String REDIS_PROPERTY = "px.devstack.redis-url";
    private static final String KAFKA_PROPERTY = "px.devstack.kafka-bootstrap";
    private static final String RUN_DIR_PROPERTY = "px.devstack.run-dir";
    private static final String S3_PROPERTY = "px.devstack.s3-endpoint";

    /** The one devstack of this JVM, started on first use. */
    public static synchronized DevStack shared() {
        if (shared != null) {
            return shared;
        }
        synchronized (System.class) {
            if (System.getProperty(KAFKA_PROPERTY) != null) {
                shared = new DevStack(Path.of(System.getProperty(RUN_DIR_PROPERTY)),
                        PostgresNode.external(System.getProperty(PG_PROPERTY)),
                        RedisNode.external(System.getProperty(REDIS_PROPERTY)),
                        KafkaNode.external(System.getProperty(KAFKA_PROPERTY)));
                return shared;
            }
            try {
                shared = start(Map.copyOf(System.getenv()));
            } catch (Exception e) {
                throw new IllegalStateException("devstack failed to start: " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::closeQuietly, "devstack-shutdown"));
            System.setProperty(PG_PROPERTY, shared.postgres.baseUrl());
            System.setProperty(REDIS_PROPERTY, shared.redis.uri());
            System.setProperty(KAFKA_PROPERTY, shared.kafka.bootstrapServers());
            System.setProperty(RUN_DIR_PROPERTY, shared.runDir.toString());
        }
        return shared;
    }

    static DevStack start(Map<String, String> env) throws Exception {
        Path base = Path.of(System.getProperty("px.devstack.dir", "target/devstack")).toAbsolutePath();
        StaleRuns.clean(base);
        Path runDir = base.resolve("run-" + ProcessHandle.current().pid());
        Files.createDirectories(runDir);
        List<AutoCloseable> started = new ArrayList<>();
        try {
            PostgresNode pg = env.containsKey("PX_PG_URL")
                    ? PostgresNode.external(env.get("PX_PG_URL"))
                    : track(started, PostgresNode.embedded(runDir.resolve("pg-work"), runDir.resolve("pg-data"), FreePorts.next(), false));
            RedisNode redis = env.containsKey("PX_REDIS_URL")
                    ? RedisNode.external(env.get("PX_REDIS_URL"))
                    : track(started, RedisNode.embedded(runDir.resolve("redis"), FreePorts.next()));
            KafkaNode kafka = env.containsKey("PX_KAFKA_BOOTSTRAP")
                    ? KafkaNode.external(env.get("PX_KAFKA_BOOTSTRAP"))
                    : track(started, brokerProcess(env)
                            ? KafkaBrokerProcess.start(runDir.resolve("kafka"), FreePorts.next(), FreePorts.next())
                            : KafkaTestKitNode.start(runDir.resolve("kafka")));
            DevStack stack = new DevStack(runDir, pg, redis, kafka);
            stack.createTopics(Topics.ALL);
            return stack;
        } catch (Exception e) {
            for (AutoCloseable c : started.reversed()) {
                try { c.close(); } catch (Exception suppressed) { e.addSuppressed(suppressed); }
            }
            deleteTree(runDir);
            throw e;
        }
    }

    /**
     * The broker in a process of its own ({@code -Dpx.devstack.kafka=process} or {@code PX_DEVSTACK_KAFKA=process}),
     * for tests that kill it; otherwise in this JVM, which starts faster.
     */
    private static boolean brokerProcess(Map<String, String> env) {
        return "process".equals(System.getProperty("px.devstack.kafka", env.getOrDefault("PX_DEVSTACK_KAFKA", "")));
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> started, T node) {
        started.add(node);
        return node;
    }

    public PostgresNode postgres() { return postgres; }
    public RedisNode redis() { return redis; }
    public KafkaNode kafka() { return kafka; }
    public Path runDir() { return runDir; }

    /**
     * s3proxy, started on first use: only the tests of the S3 blob store pay for its JVM. Shared by every class
     * loader of this JVM like the rest of the stack, and stopped by its own shutdown hook.
     */
    public S3ProxyNode s3() {
        synchronized (System.class) {
            if (s3 != null) {
                return s3;
            }
            Path dir = runDir.resolve("s3");
            String running = System.getProperty(S3_PROPERTY);
            if (running != null) {
                return s3 = S3ProxyNode.attach(running, dir);
            }
            try {
                s3 = S3ProxyNode.start(dir, FreePorts.next());
            } catch (Exception e) {
                throw new IllegalStateException("s3proxy failed to start: " + e.getMessage(), e);
            }
            S3ProxyNode started = s3;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try { started.close(); } catch (Exception e) { System.err.println("devstack: error while stopping s3proxy: " + e); }
            }, "devstack-s3-shutdown"));
            System.setProperty(S3_PROPERTY, s3.endpoint());
            return s3;
        }
    }

    /** Creates the topics that do not exist yet (idempotent, safe to call from every test class). */
    public void createTopics(Collection<String> names) {
        createTopics(kafka.bootstrapServers(), names);
    }

    public static void createTopics(String bootstrap, Collection<String> names) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var existing = admin.listTopics().names().get();
            List<NewTopic> missing = names.stream().filter(n -> !existing.contains(n))
                    .map(n -> new NewTopic(n, PARTITIONS, (short) 1)).toList();
            if (missing.isEmpty()) {
                return;
            }
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topics " + names, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (Exception e) {
            System.err.println("devstack: error while stopping: " + e);
        }
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (AutoCloseable node : new AutoCloseable[] {s3, kafka, redis, postgres}) {
            try {
                if (node != null) node.close();
            } catch (Exception e) {
                if (first == null) first = e; else first.addSuppressed(e);
            }
        }
        deleteTree(runDir);
        if (first != null) {
            throw first;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
