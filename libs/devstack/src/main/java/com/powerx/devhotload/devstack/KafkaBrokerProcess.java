package com.powerx.devhotload.devstack;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code kafka.Kafka} broker+controller in its own JVM, from the kafka_2.13 jars on our classpath.
 * Used by the local run (data survives restarts) and by tests that kill and restart the broker.
 */
public final class KafkaBrokerProcess implements KafkaNode, Crashable {

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    /** A second client listener that requires SASL/SCRAM, so tests can run services against an authenticating broker. */
    private final int saslPort;
    private Process process;

    static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    static final String SCRAM_USER = "px-suite";
    static final String SCRAM_PASSWORD = "px-suite-scram-secret";

    private KafkaBrokerProcess(Path dataDir, int port, int controllerPort, int saslPort) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.saslPort = saslPort;
    }

    /** Formats the log directory on first use, then starts the broker and waits until its port accepts connections. */
    public static KafkaBrokerProcess start(Path dataDir, int port, int controllerPort) throws IOException, InterruptedException {
        KafkaBrokerProcess broker = new KafkaBrokerProcess(dataDir, port, controllerPort, FreePorts.next());
        broker.formatIfNeeded();
        broker.startProcess();
        return broker;
    }

    private Path configFile() {
        return dataDir.resolve("server.properties");
    }

    private Path logDir() {
        return dataDir.resolve("log");
    }

    private void formatIfNeeded() throws IOException, InterruptedException {
        Files.createDirectories(logDir());
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort
                + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        // SCRAM as Strimzi's KafkaUsers use it; the user is written into the metadata log at format time (below).
        p.setProperty("sasl.enabled.mechanisms", SCRAM_MECHANISM);
        p.setProperty("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        // ACLs are enforced, as on a Strimzi cluster with simple authorization, for the users a test adds and grants
        // (the e2e suite gives each service its own, with the prod KafkaUsers' ACLs). The plain listener's anonymous
        // clients (the broker itself, tests' probes, deploy/local's services) and the one SCRAM user above stay
        // unrestricted.
        p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.setProperty("super.users", "User:ANONYMOUS;User:" + SCRAM_USER);
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logDir().toAbsolutePath().toString());
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "3");
        try (var out = Files.newOutputStream(configFile())) {
            p.store(out, "written by px-devstack");
        }
        if (Files.exists(logDir().resolve("meta.properties"))) {
            return;
        }
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        int exit = javaProcess("kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                configFile().toAbsolutePath().toString(),
                "--add-scram", SCRAM_MECHANISM + "=[name=" + SCRAM_USER + ",password=" + SCRAM_PASSWORD + "]")
                .redirectOutput(dataDir.resolve("format.log").toFile())
                .redirectErrorStream(true)
                .start().waitFor();
        if (exit != 0) {
            throw new IOException("kafka storage format failed (" + exit + "), see " + dataDir.resolve("format.log"));
        }
    }

    private void startProcess() throws IOException, InterruptedException {
        process = javaProcess("kafka.Kafka", configFile().toAbsolutePath().toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("broker.log").toFile()))
                .redirectErrorStream(true)
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("kafka broker exited with " + process.exitValue() + ", see " + dataDir.resolve("broker.log"));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("kafka broker not listening on " + port + " after 60 s");
    }

    private static ProcessBuilder javaProcess(String mainClass, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xms128m", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public List<Long> pids() {
        return List.of(process.pid());
    }

    /** Kills the broker without a clean shutdown, to test that nothing is lost. */
    @Override
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts the broker again on the same data after {@link #kill()} or {@link #close()}. */
    @Override
    public void restart() throws IOException, InterruptedException {
        startProcess();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The SASL listener; its SCRAM user exists only in a log directory this class formatted (any since it has one). */
    @Override
    public java.util.Optional<SaslListener> sasl() {
        return java.util.Optional.of(new SaslListener("127.0.0.1:" + saslPort, SCRAM_MECHANISM, SCRAM_USER, SCRAM_PASSWORD));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: controlled shutdown, ~2.5 s
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

}
