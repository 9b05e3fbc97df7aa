package com.powerx.devhotload.sandbox.driver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.sandbox.config.KubernetesSandboxConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
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
 * The pod of one session's sandbox: an init step that fetches the version's blobs from session-service (with the
 * service token from a Secret reference, never its value) into an emptyDir, and the runtime container whose harness
 * listens for the orchestrator on the pod network. Restricted security context, no service account token, limits.
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
    static final String FETCH_CONTAINER = "fetch-bundle";
    /** The uid the images create (deploy/sandbox-images): any non-root uid works, the images only need it to exist. */
    static final long SANDBOX_UID = 10001;

    private final KubernetesSandboxConfig config;
    private final String owner;
    private final String sessionServiceUrl;
    private final int hookTimeoutMs;
    private final int invokeTimeoutMs;

    public SandboxPods(KubernetesSandboxConfig config, String owner, String sessionServiceUrl, int hookTimeoutMs, int invokeTimeoutMs) {
        this.config = config;
        this.owner = owner;
        this.sessionServiceUrl = sessionServiceUrl;
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

    /** The pod for {@code spec}; {@code files} are the version's {@code {path, sha256}} for the init step. */
    public Pod pod(SandboxSpec spec, List<BundleFile> files) {
        return new PodBuilder()
                .withNewMetadata().withName(name(spec.sessionId())).withNamespace(config.namespace())
                .withLabels(labels(spec.sessionId(), spec.tenantId())).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never") // a crash is the orchestrator's to handle (backoff, saved state), not the kubelet's
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(SANDBOX_UID).withRunAsGroup(SANDBOX_UID)
                .withFsGroup(SANDBOX_UID).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .withInitContainers(fetchContainer(spec, files))
                .withContainers(runtimeContainer(spec))
                .addNewVolume().withName("bundle").withNewEmptyDir().withSizeLimit(new Quantity("256Mi")).endEmptyDir().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("64Mi")).endEmptyDir().endVolume()
                .endSpec()
                .build();
    }

    private Container fetchContainer(SandboxSpec spec, List<BundleFile> files) {
        List<String> command = "node".equals(spec.runtime())
                ? List.of("node", HARNESS_DIR + "/fetch-bundle.mjs")
                : List.of("python3", HARNESS_DIR + "/fetch_bundle.py");
        return new ContainerBuilder().withName(FETCH_CONTAINER).withImage(image(spec.runtime())).withCommand(command)
                .withEnv(env("PX_SESSION_SERVICE_URL", sessionServiceUrl), env("PX_SANDBOX_SESSION", spec.sessionId()),
                        env("PX_BUNDLE_DIR", versionDir(spec.sequence())), env("PX_BUNDLE_FILES", json(files)),
                        // the token by reference: the pod spec never holds its value, and the runtime container never sees it
                        new EnvVarBuilder().withName("PX_SERVICE_TOKEN").withNewValueFrom().withNewSecretKeyRef()
                                .withName(config.tokenSecret()).withKey("token").endSecretKeyRef().endValueFrom().build())
                .withResources(resources("100m", "64Mi", "200m", "128Mi"))
                .withSecurityContext(restricted())
                .withVolumeMounts(mount("bundle", config.bundleRoot()), mount("tmp", "/tmp"))
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

    private static String json(List<BundleFile> files) {
        try {
            return EventCodec.mapper().writeValueAsString(files);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One file of a version as the init step fetches it. */
    public record BundleFile(String path, String sha256) {
    }
}
