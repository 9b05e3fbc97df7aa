package com.powerx.devhotload.sandbox.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.powerx.devhotload.sandbox.config.SandboxConfig;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kubernetes driver against the fabric8 API server mock (CRUD mode): the pod half through the API, the harness half
 * for real — {@link FakeKubelet} runs each pod's harness (TCP listen mode, an empty bundle root) on this machine and
 * reports the pod Running at 127.0.0.1, so the driver connects, sends the version's files and speaks the protocol as in
 * a cluster.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesSandboxDriverTest {

    private static final Path EXAMPLES = Path.of("..", "examples", "plugins").toAbsolutePath().normalize();
    private static final String NAMESPACE = "px-dev-hotload-sandbox";
    private static final String ORCHESTRATOR_TOKEN = "orchestrator-own-token-value";

    KubernetesClient client;

    @TempDir
    Path tmp;
    private FakeKubelet kubelet;
    private TestKubernetesConfig podConfig;
    private final List<RunningSandbox> started = new CopyOnWriteArrayList<>();
    private final List<Integer> exits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void kubelet() throws IOException {
        kubelet = new FakeKubelet(client, NAMESPACE);
        podConfig = new TestKubernetesConfig(tmp.resolve("pod-bundle").toString(), freePort());
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        started.forEach(s -> s.stop());
        kubelet.close();
    }

    @Test
    void aNodeSessionRunsInOnePodThatServesReloadsAndIsDeletedOnStop() throws Exception {
        runsInAPod("node", "counter-node", "counter-node-v2", "7f0c2b7e-0000-4000-8000-0000000000a1");
    }

    @Test
    void aPythonSessionRunsInOnePodThatServesReloadsAndIsDeletedOnStop() throws Exception {
        runsInAPod("python", "counter-python", "counter-python-v2", "7f0c2b7e-0000-4000-8000-0000000000a2");
    }

    private void runsInAPod(String runtime, String v1, String v2, String sessionId) throws Exception {
        KubernetesSandboxDriver driver = driver("orch-0");
        assertThat(driver.handles(runtime)).isTrue();

        SandboxSpec first = spec(sessionId, runtime, v1, 0, null);
        // a file far above one writeFiles request's share, so that it has to arrive in pieces
        byte[] big = new byte[2 * VersionUpload.CHUNK_BYTES + 12_345];
        new Random(42).nextBytes(big);
        Files.createDirectories(first.bundleDir().resolve("assets"));
        Files.write(first.bundleDir().resolve("assets/big.bin"), big);
        RunningSandbox sandbox = start(driver, first);

        List<Pod> pods = client.pods().inNamespace(NAMESPACE).list().getItems();
        assertThat(pods).singleElement().satisfies(pod -> {
            assertThat(pod.getMetadata().getLabels()).containsEntry("px.dev/session-id", sessionId)
                    .containsEntry("px.dev/owner", "orch-0").containsEntry("px.dev/tenant", "tenant-a")
                    .containsEntry("app.kubernetes.io/name", "px-sandbox");
            assertThat(pod.getSpec().getContainers().get(0).getImage()).contains("px-sandbox-" + runtime);
            assertThat(pod.getSpec().getInitContainers()).isEmpty();
            assertThat(Serialization.asYaml(pod)).doesNotContain(ORCHESTRATOR_TOKEN).doesNotContain("PX_SERVICE_TOKEN");
        });
        // the pod started empty: the version arrived over the control connection, every file intact
        Path podCopy = Path.of(podConfig.bundleRoot(), "v0");
        assertThat(relativeFiles(podCopy)).isEqualTo(relativeFiles(first.bundleDir()));
        assertThat(Files.readAllBytes(podCopy.resolve("assets/big.bin"))).isEqualTo(big);
        assertThat(sandbox.loadResult().path("result").asText()).isEqualTo("loaded");

        assertThat(invoke(sandbox, "increment").path("count").asInt()).isEqualTo(1);
        JsonNode reloaded = sandbox.reload(localVersion(v2, 1), null, 1).get(20, TimeUnit.SECONDS);
        assertThat(reloaded.path("result").asText()).isEqualTo("reloaded");
        JsonNode after = invoke(sandbox, "increment");
        assertThat(after.path("count").asInt()).isEqualTo(2);
        assertThat(after.path("version").asInt()).isEqualTo(2);
        assertThat(sandbox.isAlive()).isTrue();

        Process harness = kubelet.harnessOf(SandboxPods.name(sessionId));
        sandbox.stop();
        assertThat(client.pods().inNamespace(NAMESPACE).list().getItems()).isEmpty();
        assertThat(harness.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(exits).isEmpty(); // a stop is not a crash
    }

    @Test
    void aHarnessThatExitsIsReportedWithItsPodsExitCode() throws Exception {
        KubernetesSandboxDriver driver = driver("orch-0");
        RunningSandbox sandbox = start(driver, spec("7f0c2b7e-0000-4000-8000-0000000000a3", "node", "counter-node", 0, null));

        kubelet.harnessOf(SandboxPods.name("7f0c2b7e-0000-4000-8000-0000000000a3")).destroy(); // SIGTERM: exit 143

        long deadline = System.currentTimeMillis() + 10_000;
        while (sandbox.isAlive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sandbox.isAlive()).isFalse();
        assertThat(sandbox.awaitExit(10_000)).isEqualTo(143);
    }

    @Test
    void orphanCleanupDeletesThisOwnersPodsOfSessionsItNoLongerRunsOnly() throws InterruptedException {
        kubelet.close(); // these pods need no harness
        SandboxPods mine = new SandboxPods(podConfig, "orch-0", 1000, 1000);
        SandboxPods theirs = new SandboxPods(podConfig, "orch-1", 1000, 1000);
        create(mine.pod(spec("7f0c2b7e-0000-4000-8000-0000000000b1", "node"))
                .toBuilder().withNewStatus().withPhase("Running").endStatus().build()); // live here
        create(mine.pod(spec("7f0c2b7e-0000-4000-8000-0000000000b2", "python"))
                .toBuilder().withNewStatus().withPhase("Running").endStatus().build()); // ended: its stop never came
        create(theirs.pod(spec("7f0c2b7e-0000-4000-8000-0000000000b3", "node"))
                .toBuilder().withNewStatus().withPhase("Running").endStatus().build()); // another replica's

        List<String> deleted = driver("orch-0").deleteOrphans(Set.of("7f0c2b7e-0000-4000-8000-0000000000b1"));

        assertThat(deleted).containsExactly("px-sandbox-7f0c2b7e-0000-4000-8000-0000000000b2");
        assertThat(client.pods().inNamespace(NAMESPACE).list().getItems()).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("px-sandbox-7f0c2b7e-0000-4000-8000-0000000000b1", "px-sandbox-7f0c2b7e-0000-4000-8000-0000000000b3");
    }

    @Test
    void anAdopterRelabelsADeadOwnersPodAndKeepsItsLiveState() throws Exception {
        String sessionId = "7f0c2b7e-0000-4000-8000-0000000000c1";
        PodSandbox first = (PodSandbox) start(driver("orch-0"), spec(sessionId, "node", "counter-node", 0, null));
        invoke(first, "increment");
        invoke(first, "increment");
        Process harness = kubelet.harnessOf(SandboxPods.name(sessionId));
        first.disconnect(); // orch-0 dies: its connection goes, the pod stays and waits for an adopter
        started.remove(first);

        // the adopter restores the last good version with the last saved state, as SandboxRecovery does
        RunningSandbox adopted = start(driver("orch-1"), spec(sessionId, "node", "counter-node", 0,
                JsonNodeFactory.instance.objectNode().put("count", 1)));

        assertThat(adopted.loadResult().path("result").asText()).isEqualTo("adopted");
        assertThat(client.pods().inNamespace(NAMESPACE).list().getItems()).singleElement()
                .satisfies(p -> assertThat(p.getMetadata().getLabels()).containsEntry("px.dev/owner", "orch-1"));
        assertThat(kubelet.harnessOf(SandboxPods.name(sessionId))).isSameAs(harness);
        assertThat(invoke(adopted, "increment").path("count").asInt()).isEqualTo(3); // the live count, not the saved 1
        // orch-0, were it still around, lets go of its sandbox without deleting the pod orch-1 took over
        first.stop();
        assertThat(driver("orch-0").deleteOrphans(Set.of())).isEmpty();
        assertThat(client.pods().inNamespace(NAMESPACE).list().getItems()).hasSize(1);
        assertThat(invoke(adopted, "increment").path("count").asInt()).isEqualTo(4);
    }

    @Test
    void anAdopterRecreatesADeadOwnersPodWhoseHarnessIsGoneFromTheLastGoodVersionAndState() throws Exception {
        String sessionId = "7f0c2b7e-0000-4000-8000-0000000000c2";
        PodSandbox first = (PodSandbox) start(driver("orch-0"), spec(sessionId, "python", "counter-python", 0, null));
        invoke(first, "increment");
        first.disconnect();
        started.remove(first);
        Process gone = kubelet.harnessOf(SandboxPods.name(sessionId));
        gone.destroyForcibly();
        gone.waitFor(5, TimeUnit.SECONDS);
        Thread.sleep(300); // the fake kubelet marks the pod Failed

        RunningSandbox recreated = start(driver("orch-1"), spec(sessionId, "python", "counter-python", 0,
                JsonNodeFactory.instance.objectNode().put("count", 5)));

        assertThat(recreated.loadResult().path("result").asText()).isEqualTo("loaded");
        assertThat(client.pods().inNamespace(NAMESPACE).list().getItems()).singleElement()
                .satisfies(p -> assertThat(p.getMetadata().getLabels()).containsEntry("px.dev/owner", "orch-1"));
        assertThat(kubelet.harnessOf(SandboxPods.name(sessionId))).isNotSameAs(gone);
        assertThat(invoke(recreated, "increment").path("count").asInt()).isEqualTo(6);
    }

    @Test
    void withTheProcessDriverItHandlesNothingAndNeverBuildsAClient() {
        KubernetesSandboxDriver driver = new KubernetesSandboxDriver(config("process"), podConfig, "orch-0", () -> {
            throw new AssertionError("the kubernetes client must not be built with the process driver");
        });
        assertThat(driver.handles("node")).isFalse();
        assertThat(driver.handles("python")).isFalse();
        assertThat(driver.enabled()).isFalse();
    }

    private RunningSandbox start(KubernetesSandboxDriver driver, SandboxSpec spec) throws SandboxStartException {
        RunningSandbox sandbox = driver.start(spec, new SandboxListener() {
            @Override
            public void onLog(String level, String source, String message, Long sequence, Long dropped) {
            }

            @Override
            public void onExit(RunningSandbox exited) {
                exits.add(1);
            }
        });
        started.add(sandbox);
        return sandbox;
    }

    private static JsonNode invoke(RunningSandbox sandbox, String handler) throws Exception {
        return sandbox.invoke(handler, JsonNodeFactory.instance.objectNode(), 5000).get(10, TimeUnit.SECONDS).path("result");
    }

    private KubernetesSandboxDriver driver(String owner) {
        return new KubernetesSandboxDriver(config("kubernetes"), podConfig, owner, () -> client);
    }

    private SandboxConfig config(String driver) {
        return new DriverConfig(driver, "http://session-service.unreachable.invalid:8081");
    }

    private record DriverConfig(String driver, String sessionServiceUrl) implements SandboxConfig {
        @Override public Path workDir() { return Path.of("target/driver-test"); }
        @Override public int max() { return 5; }
        @Override public int hookTimeoutMs() { return 2000; }
        @Override public int invokeTimeoutMs() { return 3000; }
        @Override public OptionalInt maxOldSpaceMb() { return OptionalInt.empty(); }
        @Override public OptionalInt maxMemoryMb() { return OptionalInt.empty(); }
        @Override public int logRate() { return 10; }
        @Override public Optional<String> serviceToken() { return Optional.of(ORCHESTRATOR_TOKEN); }
        @Override public Optional<String> instanceId() { return Optional.empty(); }
        @Override public Optional<String> instanceUrl() { return Optional.empty(); }
        @Override public int restartBackoffMs() { return 1000; }
        @Override public String nodeCommand() { return "node"; }
        @Override public String pythonCommand() { return "python3"; }
    }

    /** The orchestrator's local copy of a version (BundleStore's job in the service). */
    private Path localVersion(String plugin, long sequence) throws IOException {
        Path dir = tmp.resolve("local").resolve("v" + sequence);
        Path source = EXAMPLES.resolve(plugin);
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path target = dir.resolve(source.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    private SandboxSpec spec(String sessionId, String runtime, String plugin, long sequence, JsonNode state) throws IOException {
        return new SandboxSpec(sessionId, runtime, localVersion(plugin, sequence), null, sequence, state, null, Map.of(), "tenant-a");
    }

    private SandboxSpec spec(String sessionId, String runtime) {
        return new SandboxSpec(sessionId, runtime, tmp, null, 0, null, null, Map.of(), "tenant-a");
    }

    private void create(Pod pod) {
        client.pods().inNamespace(NAMESPACE).resource(pod).create();
    }

    private static List<String> relativeFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()).sorted().toList();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
