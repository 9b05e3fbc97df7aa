package com.powerx.devhotload.sandbox.driver;

import com.powerx.devhotload.sandbox.config.KubernetesSandboxConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pod of one session's sandbox: one container whose harness listens for the orchestrator on the pod network, with
 * an empty bundle emptyDir that the orchestrator fills over that connection (the pod holds no credential and may
 * reach nothing). Restricted security context, no service account token, limits.
 */
public final class SandboxPods {

    public static final String APP = "app.kubernetes.io/name";
    public static final String APP_VALUE = "px-sandbox";
    /** What the sandbox namespace's NetworkPolicies select (deploy/k8s/base/sandbox-namespace.yaml). */
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String SESSION = "px.dev/session-id";
    public static final String TENANT = "px.dev/tenant";
    public static final String OWNER = "px.dev/owner";
    static final String HARNESS_DIR = "/opt/px-harness";
    static final String RUNTIME_CONTAINER = "harness";
    /** The uid the images create (deploy/sandbox-images): any non-root uid works, the images only need it to exist. */
    static final long SANDBOX_UID = 10001;

    private final KubernetesSandboxConfig config;
    private final String owner;
    private final int hookTimeoutMs;
    private final int invokeTimeoutMs;

    public SandboxPods(KubernetesSandboxConfig config, String owner, int hookTimeoutMs, int invokeTimeoutMs) {
        this.config = config;
        this.owner = owner;
        this.hookTimeoutMs = hookTimeoutMs;
        this.invokeTimeoutMs = invokeTimeoutMs;
    }

    /** One pod per session, so the name follows from the session id (a UUID: a valid DNS label). */
    public static String name(String sessionId) {
        return "px-sandbox-" + sessionId.toLowerCase();
    }

    public Map<String, String> labels(String sessionId, String tenantId) {
        return Map.of(APP, APP_VALUE, COMPONENT, "sandbox", SESSION, labelValue(sessionId), TENANT, labelValue(tenantId),
                OWNER, labelValue(owner));
    }

    /** Label values are at most 63 of [A-Za-z0-9._-], alphanumeric at both ends: a tenant id might not be. */
    static String labelValue(String value) {
        String v = value == null ? "" : value.replaceAll("[^A-Za-z0-9._-]", "_");
        v = v.length() > 63 ? v.substring(0, 63) : v;
        return v.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    }

    /** The pod for {@code spec}: its harness starts with nothing loaded and an empty {@code /bundle}. */
    public Pod pod(SandboxSpec spec) {
        return new PodBuilder()
                .withNewMetadata().withName(name(spec.sessionId())).withNamespace(config.namespace())
                .withLabels(labels(spec.sessionId(), spec.tenantId())).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never") // a crash is the orchestrator's to handle (backoff, saved state), not the kubelet's
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(SANDBOX_UID).withRunAsGroup(SANDBOX_UID)
                .withFsGroup(SANDBOX_UID).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .withContainers(runtimeContainer(spec))
                .addNewVolume().withName("bundle").withNewEmptyDir().withSizeLimit(new Quantity("256Mi")).endEmptyDir().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("64Mi")).endEmptyDir().endVolume()
                .endSpec()
                .build();
    }

    private Container runtimeContainer(SandboxSpec spec) {
        List<String> command = "node".equals(spec.runtime())
                ? List.of("node", HARNESS_DIR + "/harness.mjs")
                : List.of("python3", "-u", HARNESS_DIR + "/harness.py");
        List<EnvVar> env = new ArrayList<>(List.of(env("HOME", "/tmp"), env("LANG", "C.UTF-8"), env("TZ", "UTC"),
                env("PX_SANDBOX_LISTEN", Integer.toString(config.controlPort())), env("PX_SANDBOX_SESSION", spec.sessionId()),
                env("PX_SANDBOX_BUNDLE_ROOT", config.bundleRoot()), env("PX_SANDBOX_RECONNECT_MS", Integer.toString(config.reconnectMs())),
                env("PX_SANDBOX_HOOK_TIMEOUT_MS", Integer.toString(hookTimeoutMs)),
                env("PX_SANDBOX_INVOKE_TIMEOUT_MS", Integer.toString(invokeTimeoutMs)), env("PX_SANDBOX_LOG_ECHO", "0")));
        return new ContainerBuilder().withName(RUNTIME_CONTAINER).withImage(image(spec.runtime())).withCommand(command)
                .withWorkingDir("/tmp").withEnv(env)
                .addNewPort().withName("control").withContainerPort(config.controlPort()).withProtocol("TCP").endPort()
                .withResources(resources(config.cpuRequest(), config.memoryRequest(), config.cpuLimit(), config.memoryLimit()))
                .withSecurityContext(restricted())
                .withVolumeMounts(mount("bundle", config.bundleRoot()), mount("tmp", "/tmp"))
                .build();
    }

    String image(String runtime) {
        return "node".equals(runtime) ? config.imageNode() : config.imagePython();
    }

    /** Where version {@code sequence} lives in the pod. */
    String versionDir(long sequence) {
        return config.bundleRoot() + "/v" + sequence;
    }

    private static SecurityContext restricted() {
        return new SecurityContextBuilder().withRunAsNonRoot(true).withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true).withPrivileged(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build();
    }

    private static io.fabric8.kubernetes.api.model.ResourceRequirements resources(String cpuRequest, String memoryRequest,
                                                                                 String cpuLimit, String memoryLimit) {
        return new ResourceRequirementsBuilder()
                .withRequests(Map.of("cpu", new Quantity(cpuRequest), "memory", new Quantity(memoryRequest)))
                .withLimits(Map.of("cpu", new Quantity(cpuLimit), "memory", new Quantity(memoryLimit),
                        "ephemeral-storage", new Quantity("512Mi")))
                .build();
    }

    private static VolumeMount mount(String volume, String path) {
        return new VolumeMountBuilder().withName(volume).withMountPath(path).build();
    }

    private static EnvVar env(String name, String value) {
        return new EnvVar(name, value, null);
    }
}
