package com.powerx.devhotload.sandbox.driver;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a kubelet would do with the sandbox pods in the mock API server, on this machine: run the pod's init step (the
 * real fetch script, against {@link #blobs} serving the example plugins by hash with the token the Secret would hold)
 * and its runtime container (the real harness, listening on 127.0.0.1), then report the pod Running at 127.0.0.1. A
 * deleted pod's harness is killed; a harness that exits marks its pod ended with its exit code.
 */
final class FakeKubelet implements AutoCloseable {

    static final String TOKEN = "token-from-the-secret";
    static final Path HARNESS = Path.of("src/main/resources/harness").toAbsolutePath();

    private final KubernetesClient client;
    private final String namespace;
    private final HttpServer blobs;
    private final Map<String, Process> running = new ConcurrentHashMap<>();
    private final List<String> blobRequests = new ArrayList<>();
    private final Thread loop;
    private volatile boolean closed;

    FakeKubelet(KubernetesClient client, String namespace, Path pluginsRoot) throws IOException {
        this.client = client;
        this.namespace = namespace;
        this.blobs = blobServer(pluginsRoot);
        this.loop = Thread.ofPlatform().daemon().name("fake-kubelet").start(this::run);
    }

    String blobUrl() {
        return "http://127.0.0.1:" + blobs.getAddress().getPort();
    }

    synchronized List<String> blobRequests() {
        return List.copyOf(blobRequests);
    }

    Process harnessOf(String podName) {
        return running.get(podName);
    }

    private void run() {
        while (!closed) {
            try {
                List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
                killDeleted(pods.stream().map(p -> p.getMetadata().getName()).toList());
                for (Pod pod : pods) {
                    if (pod.getStatus() == null || pod.getStatus().getPhase() == null) {
                        start(pod);
                    }
                }
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!closed) {
                    System.err.println("fake kubelet: " + e);
                }
            }
        }
    }

    private void killDeleted(List<String> names) throws InterruptedException {
        for (String name : List.copyOf(running.keySet())) {
            if (!names.contains(name)) {
                Process p = running.remove(name);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private void start(Pod pod) throws IOException, InterruptedException {
        Container init = pod.getSpec().getInitContainers().get(0);
        Process fetch = launch(init, Map.of("PX_SERVICE_TOKEN", TOKEN)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!fetch.waitFor(30, TimeUnit.SECONDS) || fetch.exitValue() != 0) {
            status(pod, "Failed", null, fetch.exitValue());
            return;
        }
        Container harness = pod.getSpec().getContainers().get(0);
        Process process = launch(harness, Map.of()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String name = pod.getMetadata().getName();
        running.put(name, process);
        process.onExit().thenAccept(p -> {
            if (running.remove(name, p)) {
                status(pod, p.exitValue() == 0 ? "Succeeded" : "Failed", null, p.exitValue());
            }
        });
        status(pod, "Running", "127.0.0.1", null);
    }

    /** The container's command with the image's /opt/px-harness mapped to this checkout, and only its own env. */
    private static ProcessBuilder launch(Container container, Map<String, String> secrets) {
        List<String> command = container.getCommand().stream().map(a -> a.replace(SandboxPods.HARNESS_DIR, HARNESS.toString())).toList();
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of(System.getProperty("java.io.tmpdir")).toFile());
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path);
        for (EnvVar var : container.getEnv()) {
            if (var.getValue() != null) {
                env.put(var.getName(), var.getValue());
            } else if (secrets.containsKey(var.getName())) {
                env.put(var.getName(), secrets.get(var.getName()));
            }
        }
        if (env.containsKey("PX_SANDBOX_LISTEN")) {
            env.put("PX_SANDBOX_LISTEN", "127.0.0.1:" + env.get("PX_SANDBOX_LISTEN"));
        }
        return builder;
    }

    private void status(Pod pod, String phase, String ip, Integer exitCode) {
        Pod current = client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).get();
        if (current == null || closed) {
            return;
        }
        PodStatusBuilder status = new PodStatusBuilder().withPhase(phase).withPodIP(ip);
        if (exitCode != null) {
            status.withContainerStatuses(new ContainerStatusBuilder().withName(SandboxPods.RUNTIME_CONTAINER)
                    .withState(new ContainerStateBuilder().withNewTerminated().withExitCode(exitCode).endTerminated().build()).build());
        }
        current.setStatus(status.build());
        client.pods().inNamespace(namespace).resource(current).updateStatus();
    }

    /** session-service's blob endpoint: the example plugins' files by hash, for the service token and a session id only. */
    private HttpServer blobServer(Path root) throws IOException {
        Map<String, Path> byHash = new ConcurrentHashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                byHash.put(com.powerx.devhotload.sandbox.bundle.BundleStore.sha256(file), file);
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/internal/dev/plugins/blobs/", exchange -> {
            String hash = exchange.getRequestURI().getPath().substring("/internal/dev/plugins/blobs/".length());
            synchronized (this) {
                blobRequests.add(exchange.getRequestHeaders().getFirst("X-Session-Id") + " " + hash);
            }
            Path file = byHash.get(hash);
            boolean allowed = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    && exchange.getRequestHeaders().getFirst("X-Session-Id") != null;
            byte[] body = allowed && file != null ? Files.readAllBytes(file) : new byte[0];
            exchange.sendResponseHeaders(!allowed ? 401 : file == null ? 404 : 200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Override
    public void close() throws InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        loop.interrupt();
        loop.join(5_000);
        for (Process p : running.values()) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        running.clear();
        blobs.stop(0);
    }
}
