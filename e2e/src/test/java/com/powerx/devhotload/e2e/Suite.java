package com.powerx.devhotload.e2e;

import com.powerx.devhotload.devstack.DevStack;
import com.powerx.devhotload.devstack.FreePorts;
import com.powerx.devhotload.devstack.LocalInfra;
import com.powerx.devhotload.devstack.LocalTokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole suite for end-to-end tests: the devstack's real PostgreSQL, Redis and Kafka, and the six packaged
 * services started as separate processes ({@code java -jar quarkus-run.jar}) on free ports, exactly as
 * {@code deploy/local/up} runs them. Tests talk to it only over HTTP, SSE and Kafka.
 */
public final class Suite {

    public static final List<String> SERVICES = List.of("session-service", "sandbox-orchestrator", "stream-gateway",
            "diagnostics-service", "ticket-bridge", "telemetry-ingest");
    private final Map<String, Map<String, String>> replicaEnv = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, String> DATABASES = Map.of("session-service", "px_session",
            "sandbox-orchestrator", "px_sandbox", "diagnostics-service", "px_diagnostics", "ticket-bridge", "px_tickets");

    /** The sandbox-orchestrator's {@code PX_INSTANCE_ID} (a replica's is this plus its number, see {@link #instanceId}). */
    public static final String ORCHESTRATOR_INSTANCE = "e2e-orchestrator";

    private static Suite running;

    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final DevStack stack;
    private final OtlpReceiver traces;
    /** The prod overlay's KafkaUsers, created on the broker with their ACLs, by name. */
    private final Map<String, KafkaUsers.User> kafkaUsers = new LinkedHashMap<>();
    private Duration startup;

    private Suite(DevStack stack, OtlpReceiver traces) {
        this.stack = stack;
        this.traces = traces;
    }

    /** Starts the suite once per test JVM and stops it when the JVM exits. */
    public static synchronized Suite get() throws Exception {
        if (running == null) {
            DevStack stack = DevStack.shared();
            LocalInfra.DATABASES.forEach(stack.postgres()::ensureDatabase);
            Suite suite = new Suite(stack, OtlpReceiver.start());
            Runtime.getRuntime().addShutdownHook(new Thread(suite::stop, "e2e-suite-stop"));
            suite.start();
            running = suite;
        }
        return running;
    }

    private void start() throws Exception {
        Files.createDirectories(logs());
        if (stack.kafka().sasl().isPresent()) {
            kafkaUsers.putAll(KafkaUsers.read(root()));
            KafkaUsers.create(stack.kafka().bootstrapServers(), kafkaUsers.values());
        }
        Instant begin = Instant.now();
        // Every port first: a service is told its peers' URLs when it is launched.
        for (String service : SERVICES) {
            ports.put(service, FreePorts.next());
        }
        for (String service : SERVICES) {
            launch(service);
        }
        for (String service : SERVICES) {
            awaitReady(service, Duration.ofSeconds(180));
        }
        startup = Duration.between(begin, Instant.now());
    }

    private static Path root() {
        return Path.of(System.getProperty("px.repo.root", "..")).toAbsolutePath().normalize();
    }

    private static Path logs() {
        return root().resolve("e2e/target/service-logs");
    }

    /** Starts (or restarts) one packaged service on its port, with the environment deploy/local/up would give it. */
    private void launch(String name) throws IOException {
        launch(name, name.contains("#") ? name.substring(0, name.indexOf('#')) : name);
    }

    /**
     * Starts another replica of {@code service} (its own process and port, the same infrastructure and consumer
     * groups) and waits until it is ready; it is addressed, killed and restarted by the returned name.
     */
    public String startReplica(String service) throws Exception {
        return startReplica(service, Map.of());
    }

    /** A replica with settings of its own ({@code extraEnv} wins over the suite's), e.g. its own database. */
    public String startReplica(String service, Map<String, String> extraEnv) throws Exception {
        String name = service + "#" + (processes.keySet().stream().filter(n -> n.startsWith(service + "#")).count() + 2);
        ports.put(name, FreePorts.next());
        replicaEnv.put(name, Map.copyOf(extraEnv));
        launch(name, service);
        awaitReady(name, Duration.ofSeconds(120));
        return name;
    }

    /** Stops a replica started by {@link #startReplica} (SIGTERM, as a scale-down would) and forgets it. */
    public void stopReplica(String name) throws InterruptedException {
        Process p = processes.remove(name);
        ports.remove(name);
        p.destroy();
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    private void launch(String name, String service) throws IOException {
        Path jar = root().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw verify (or package) from the repo root");
        }
        // A small heap on purpose: buffering a large upload in memory would fail here instead of passing unnoticed.
        ProcessBuilder pb = new ProcessBuilder(javaBin(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs().resolve(name.replace('#', '-') + ".log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("PX_HTTP_PORT", String.valueOf(ports.get(name)));
        env.put("PX_PG_URL", stack.postgres().baseUrl());
        env.put("PX_PG_USER", stack.postgres().user());
        env.put("PX_PG_PASSWORD", stack.postgres().password());
        env.put("PX_REDIS_URL", stack.redis().uri());
        env.put("PX_KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers());
        // Over the broker's SASL/SCRAM listener when it has one, as against a Strimzi cluster: every Kafka client of
        // every service (channels, outbox relay, log producer, the gateway's consumer, health check) must authenticate
        // there, or its part of the loop fails here. The tests' own probes use the plain listener.
        // Each service logs in as its own KafkaUser of the prod manifests, whose ACLs the broker enforces (KafkaUsers).
        stack.kafka().sasl().ifPresent(sasl -> {
            env.put("PX_KAFKA_BOOTSTRAP", sasl.bootstrapServers());
            env.put("PX_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
            env.put("PX_KAFKA_SASL_MECHANISM", sasl.mechanism());
            KafkaUsers.User user = kafkaUsers.get("px-kafka-" + service);
            env.put("PX_KAFKA_SASL_JAAS_CONFIG", user != null ? user.jaasConfig() : sasl.jaasConfig());
        });
        env.put("PX_AUTH_MODE", "local");
        env.put("PX_DEV_BLOB_DIR", root().resolve("e2e/target/blobs").toString());
        // Above the 128 MiB default, so a 200 MB bundle file can show that uploads stream instead of buffering.
        env.put("PX_DEV_MAX_BLOB_BYTES", String.valueOf(256L * 1024 * 1024));
        env.put("QUARKUS_OIDC_PUBLIC_KEY", LocalTokens.forTests().publicKey());
        // Spans go to the test's own OTLP receiver, as they would to a collector's :4318 (TracingIT reads them); every
        // second rather than every 5 s, so a test waits for a trace's spans briefly.
        env.put("PX_OTEL_ENDPOINT", traces.endpoint());
        env.put("PX_OTEL_PROTOCOL", "http/protobuf");
        env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "1s");
        if (service.equals("sandbox-orchestrator")) {
            // Its own work directory: the orchestrator kills stale harnesses of its directory at start, and must not
            // touch those of a deploy/local suite on the same machine (nor a replica those of another). Short, for the
            // Unix socket path limit. (A fresh one per suite also means an empty blob cache: bundles really come over
            // HTTP from session-service.)
            env.put("PX_SANDBOX_WORK_DIR", sandboxWorkDir(name).toString());
            env.put("PX_SESSION_SERVICE_URL", "http://127.0.0.1:" + ports.get("session-service"));
            env.put("PX_SERVICE_TOKEN", LocalTokens.forTests().mint("px-system", "sandbox-orchestrator", List.of("devHotload.service")));
            // A fixed identity per replica, as a StatefulSet pod has: the restarted process owns what the killed one recorded.
            env.put("PX_INSTANCE_ID", instanceId(name));
        }
        if (service.equals("diagnostics-service")) {
            // Its peers (invoke and admin reload for regressions, the telemetry summary, the gateway's replay), called
            // with a global admin's token: reports and regressions concern every tenant.
            env.put("PX_ORCHESTRATOR_URL", "http://127.0.0.1:" + ports.get("sandbox-orchestrator"));
            env.put("PX_SESSION_SERVICE_URL", "http://127.0.0.1:" + ports.get("session-service"));
            env.put("PX_TELEMETRY_URL", "http://127.0.0.1:" + ports.get("telemetry-ingest"));
            env.put("PX_GATEWAY_URL", "http://127.0.0.1:" + ports.get("stream-gateway"));
            env.put("PX_SERVICE_TOKEN", LocalTokens.forTests().mint("px-system", "diagnostics-service",
                    List.of("admin.devHotload.manage", "admin.devHotload.global")));
        }
        if (service.equals("stream-gateway")) {
            // The console's proxy (docs/console.md) forwards the page's allow-listed calls to these peers.
            env.put("PX_SESSION_SERVICE_URL", "http://127.0.0.1:" + ports.get("session-service"));
            env.put("PX_TELEMETRY_URL", "http://127.0.0.1:" + ports.get("telemetry-ingest"));
            env.put("PX_DIAGNOSTICS_URL", "http://127.0.0.1:" + ports.get("diagnostics-service"));
            env.put("PX_TICKETS_URL", "http://127.0.0.1:" + ports.get("ticket-bridge"));
        }
        if (DATABASES.containsKey(service)) {
            env.put("PX_PG_DB", DATABASES.get(service));
        }
        env.putAll(replicaEnv.getOrDefault(name, Map.of()));
        processes.put(name, pb.start());
    }

    /** Kills a service without warning (SIGKILL), as a crashed pod would die. */
    public void kill(String service) throws InterruptedException {
        Process p = processes.get(service);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts a killed service again on the same port and waits until it is ready. */
    public void restart(String service) throws Exception {
        launch(service);
        awaitReady(service, Duration.ofSeconds(120));
    }

    private void awaitReady(String service, Duration within) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            Process p = processes.get(service);
            if (!p.isAlive()) {
                throw new IllegalStateException(service + " exited with " + p.exitValue() + "; see e2e/target/service-logs/" + service + ".log");
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(url(service, "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(service + " not ready within " + within.toSeconds() + " s");
    }

    private static final Map<String, Path> sandboxWork = new LinkedHashMap<>();

    private static synchronized Path sandboxWorkDir(String name) throws IOException {
        Path dir = sandboxWork.get(name);
        if (dir == null) {
            dir = Files.createTempDirectory("px-e2e-");
            sandboxWork.put(name, dir);
        }
        return dir;
    }

    /** The {@code PX_INSTANCE_ID} of an orchestrator started as {@code name} ({@code sandbox-orchestrator#2}, ...). */
    public static String instanceId(String name) {
        return name.contains("#") ? ORCHESTRATOR_INSTANCE + "-" + name.substring(name.indexOf('#') + 1) : ORCHESTRATOR_INSTANCE;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public URI url(String service, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + ports.get(service) + pathAndQuery);
    }

    public DevStack stack() {
        return stack;
    }

    /**
     * Lets {@code service}'s KafkaUser read with consumer group {@code group} too: for a test that runs a replica with a
     * group of its own, which the prod ACLs rightly do not allow. Nothing to do on a broker without ACLs.
     */
    void allowGroup(String service, String group) throws Exception {
        KafkaUsers.User user = kafkaUsers.get("px-kafka-" + service);
        if (user != null) {
            KafkaUsers.allowGroup(stack.kafka().bootstrapServers(), user, group);
        }
    }

    /** The KafkaUsers the services log in as, by name. */
    Map<String, KafkaUsers.User> kafkaUsers() {
        return Map.copyOf(kafkaUsers);
    }

    /** The spans the services exported (every service exports to it). */
    OtlpReceiver traces() {
        return traces;
    }

    /** How long the six services took from launch until all were ready. */
    public Duration startupTime() {
        return startup;
    }

    public List<String> services() {
        return new ArrayList<>(processes.keySet());
    }

    public boolean isAlive(String service) {
        return processes.get(service).isAlive();
    }

    void stop() {
        processes.values().forEach(Process::destroy);
        // The receiver stays up until the services are gone: they flush their last spans when they stop.
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        traces.close();
    }
}
