package com.powerx.devhotload.sandbox.driver;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What a kubelet would do with the sandbox pods in the mock API server, on this machine: run the pod's runtime
 * container (the real harness, listening on 127.0.0.1, with only the env the pod spec gives it) and report the pod
 * Running at 127.0.0.1. A pod with an init container is refused (Failed): sandbox pods may reach nothing, so nothing
 * could be fetched before the harness starts. A deleted pod's harness is killed; a harness that exits marks its pod
 * ended with its exit code.
 */
final class FakeKubelet implements AutoCloseable {

    static final Path HARNESS = Path.of("src/main/resources/harness").toAbsolutePath();

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, Process> running = new ConcurrentHashMap<>();
    private final Thread loop;
    private volatile boolean closed;

    FakeKubelet(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.loop = Thread.ofPlatform().daemon().name("fake-kubelet").start(this::run);
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

    private void start(Pod pod) throws IOException {
        if (!pod.getSpec().getInitContainers().isEmpty()) {
            status(pod, "Failed", null, 1); // an init step would find no network in the sandbox namespace
            return;
        }
        Container harness = pod.getSpec().getContainers().get(0);
        Process process = launch(harness).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
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
    private static ProcessBuilder launch(Container container) {
        List<String> command = container.getCommand().stream().map(a -> a.replace(SandboxPods.HARNESS_DIR, HARNESS.toString())).toList();
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of(System.getProperty("java.io.tmpdir")).toFile());
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path);
        for (EnvVar var : container.getEnv()) {
            if (var.getValue() != null) {
                env.put(var.getName(), var.getValue());
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
    }
}
