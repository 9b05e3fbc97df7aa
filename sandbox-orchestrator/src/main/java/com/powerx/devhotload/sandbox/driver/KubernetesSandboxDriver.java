package com.powerx.devhotload.sandbox.driver;

import com.powerx.devhotload.sandbox.config.InstanceIdentity;
import com.powerx.devhotload.sandbox.config.KubernetesSandboxConfig;
import com.powerx.devhotload.sandbox.config.SandboxConfig;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * node and python sandboxes as pods ({@code PX_SANDBOX_DRIVER=kubernetes}, CONTRACT.md §13): one pod per session
 * ({@link SandboxPods}), driven over the pod network with the process driver's protocol. A pod left by a replica
 * that died is taken over (relabelled to this instance, its harness keeps its live state) when its harness still
 * answers and serves the version being restored, and recreated from that version otherwise.
 */
@ApplicationScoped
public class KubernetesSandboxDriver implements SandboxDriver {

    private static final long CONNECT_TIMEOUT_MS = 30_000;
    private static final long POLL_MS = 250;

    private final SandboxConfig config;
    private final KubernetesSandboxConfig pods;
    private final SandboxPods specs;
    private final String owner;
    private final Supplier<KubernetesClient> clients;
    private volatile KubernetesClient client;

    /** The client is looked up on first use only: with the process driver it is never built (no kubeconfig read). */
    @Inject
    public KubernetesSandboxDriver(SandboxConfig config, KubernetesSandboxConfig pods, InstanceIdentity instance,
                                   Instance<KubernetesClient> clients) {
        this(config, pods, instance.value(), clients::get);
    }

    KubernetesSandboxDriver(SandboxConfig config, KubernetesSandboxConfig pods, String owner, Supplier<KubernetesClient> clients) {
        this.config = config;
        this.pods = pods;
        this.owner = owner;
        this.clients = clients;
        this.specs = new SandboxPods(pods, owner, config.hookTimeoutMs(), config.invokeTimeoutMs());
    }

    public boolean enabled() {
        return "kubernetes".equals(config.driver());
    }

    @Override
    public boolean handles(String runtime) {
        return enabled() && ("node".equals(runtime) || "python".equals(runtime));
    }

    @Override
    public RunningSandbox start(SandboxSpec spec, SandboxListener listener) throws SandboxStartException {
        try {
            PodSandbox taken = takeOver(spec, listener);
            if (taken != null) {
                return taken;
            }
            Pod created = client().pods().inNamespace(pods.namespace()).resource(specs.pod(spec)).create();
            PodSandbox sandbox = sandbox(spec, listener, created.getMetadata().getUid());
            try {
                sandbox.connect(connect(awaitAddress(spec.sessionId()), config.hookTimeoutMs() + CONNECT_TIMEOUT_MS));
            } catch (SandboxStartException | IOException e) {
                deleteIfOurs(spec.sessionId(), created.getMetadata().getUid()); // a pod that never served is of no use
                throw e;
            }
            // the version's files go over the connection first; a failed load stops the sandbox: its pod is deleted
            sandbox.load(3L * config.hookTimeoutMs() + 30_000);
            return sandbox;
        } catch (IOException | KubernetesClientException e) {
            throw new SandboxStartException("cannot start the " + spec.runtime() + " sandbox pod: " + e.getMessage(), "start", "");
        }
    }

    /**
     * A pod of this session is already there (a dead replica's, or this instance's before its restart): relabelled to
     * this instance and kept when its harness answers and serves {@code spec.sequence()}; else deleted, to be recreated.
     */
    private PodSandbox takeOver(SandboxSpec spec, SandboxListener listener) throws SandboxStartException {
        Pod existing = pod(spec.sessionId()).get();
        if (existing == null) {
            return null;
        }
        String ip = existing.getStatus() == null ? null : existing.getStatus().getPodIP();
        if ("Running".equals(existing.getStatus() == null ? null : existing.getStatus().getPhase()) && ip != null) {
            pod(spec.sessionId()).edit(p -> { p.getMetadata().getLabels().put(SandboxPods.OWNER, owner); return p; });
            PodSandbox sandbox = sandbox(spec, listener, existing.getMetadata().getUid());
            try {
                sandbox.connect(connect(new InetSocketAddress(ip, pods.controlPort()), 5_000));
                if (sandbox.servedSequence(5_000) == spec.sequence()) {
                    sandbox.adopted(spec.sequence());
                    Log.infof("sandbox pod of %s taken over from %s", spec.sessionId(), existing.getMetadata().getLabels().get(SandboxPods.OWNER));
                    return sandbox;
                }
                sandbox.disconnect();
            } catch (IOException | HarnessError e) {
                Log.infof("sandbox pod of %s is not reachable (%s): recreated", spec.sessionId(), e.getMessage());
            }
        }
        deleteAndWait(spec.sessionId());
        return null;
    }

    private PodSandbox sandbox(SandboxSpec spec, SandboxListener listener, String uid) {
        String sessionId = spec.sessionId();
        return new PodSandbox(spec, listener, specs::versionDir, new PodSandbox.PodLifecycle() {
            @Override
            public Integer awaitExitCode(long timeoutMs) {
                return exitCode(sessionId, timeoutMs);
            }

            @Override
            public void delete() {
                deleteIfOurs(sessionId, uid);
            }
        });
    }

    /** Waits for the pod to run and have an address. */
    private InetSocketAddress awaitAddress(String sessionId) throws SandboxStartException {
        long deadline = System.currentTimeMillis() + pods.readyTimeoutMs();
        while (System.currentTimeMillis() < deadline) {
            Pod pod = pod(sessionId).get();
            if (pod == null) {
                throw new SandboxStartException("the sandbox pod " + SandboxPods.name(sessionId) + " was deleted while starting", "start", "");
            }
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            if ("Failed".equals(phase) || "Succeeded".equals(phase)) {
                throw new SandboxStartException("the sandbox pod ended before serving (" + phase + reason(pod) + ")", "start", "");
            }
            if ("Running".equals(phase) && pod.getStatus().getPodIP() != null) {
                return new InetSocketAddress(pod.getStatus().getPodIP(), pods.controlPort());
            }
            sleep(POLL_MS);
        }
        throw new SandboxStartException("the sandbox pod was not running within " + pods.readyTimeoutMs() + " ms", "start", "");
    }

    /** The harness listens once its interpreter is up, shortly after the container started: retried until then. */
    private static SocketChannel connect(InetSocketAddress address, long timeoutMs) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            try {
                SocketChannel channel = SocketChannel.open();
                try {
                    channel.socket().connect(address, 2_000);
                    return channel;
                } catch (IOException e) {
                    channel.close();
                    throw e;
                }
            } catch (IOException e) {
                if (System.currentTimeMillis() >= deadline) {
                    throw new IOException("the sandbox harness at " + address + " did not accept: " + e.getMessage(), e);
                }
                sleep(POLL_MS);
            }
        }
    }

    /**
     * Deletes the sandbox pods labelled with this instance that run none of {@code liveSessionIds} here: pods of ended
     * sessions whose stop never came (a crash of the JVM), and of sessions another replica took over. Other
     * instances' pods are theirs. Returns the names deleted.
     */
    public List<String> deleteOrphans(Set<String> liveSessionIds) {
        List<Pod> orphans = client().pods().inNamespace(pods.namespace())
                .withLabel(SandboxPods.APP, SandboxPods.APP_VALUE).withLabel(SandboxPods.OWNER, owner).list().getItems().stream()
                .filter(p -> !liveSessionIds.contains(p.getMetadata().getLabels().get(SandboxPods.SESSION)))
                .toList();
        for (Pod orphan : orphans) {
            deleteQuietly(orphan.getMetadata().getLabels().get(SandboxPods.SESSION));
        }
        return orphans.stream().map(p -> p.getMetadata().getName()).toList();
    }

    private Integer exitCode(String sessionId, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        do {
            Pod pod = pod(sessionId).get();
            if (pod == null || pod.getStatus() == null) {
                return null;
            }
            for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
                if (SandboxPods.RUNTIME_CONTAINER.equals(status.getName()) && status.getState() != null
                        && status.getState().getTerminated() != null) {
                    return status.getState().getTerminated().getExitCode();
                }
            }
            sleep(POLL_MS);
        } while (System.currentTimeMillis() < deadline);
        return null;
    }

    private static String reason(Pod pod) {
        return pod.getStatus().getReason() == null ? "" : ": " + pod.getStatus().getReason();
    }

    private void deleteAndWait(String sessionId) throws SandboxStartException {
        deleteQuietly(sessionId);
        long deadline = System.currentTimeMillis() + 30_000;
        while (pod(sessionId).get() != null) {
            if (System.currentTimeMillis() > deadline) {
                throw new SandboxStartException("the previous sandbox pod " + SandboxPods.name(sessionId) + " is still terminating", "start", "");
            }
            sleep(POLL_MS);
        }
    }

    /**
     * Deletes this sandbox's pod only if it is still that pod and still this instance's: a replica that lost its lease
     * stops its sandbox, and must not delete the pod the adopter took over or recreated under the same name.
     */
    private void deleteIfOurs(String sessionId, String uid) {
        try {
            Pod current = pod(sessionId).get();
            if (current != null && (uid == null || uid.equals(current.getMetadata().getUid()))
                    && owner.equals(current.getMetadata().getLabels().get(SandboxPods.OWNER))) {
                deleteQuietly(sessionId);
            }
        } catch (KubernetesClientException e) {
            Log.warnf("sandbox pod %s not deleted (the orphan sweep retries): %s", SandboxPods.name(sessionId), e.getMessage());
        }
    }

    private void deleteQuietly(String sessionId) {
        try {
            pod(sessionId).withGracePeriod(5).delete();
        } catch (KubernetesClientException e) {
            Log.warnf("sandbox pod %s not deleted (the orphan sweep retries): %s", SandboxPods.name(sessionId), e.getMessage());
        }
    }

    private PodResource pod(String sessionId) {
        return client().pods().inNamespace(pods.namespace()).withName(SandboxPods.name(sessionId));
    }

    private KubernetesClient client() {
        KubernetesClient c = client;
        if (c == null) {
            c = clients.get();
            client = c;
        }
        return c;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
