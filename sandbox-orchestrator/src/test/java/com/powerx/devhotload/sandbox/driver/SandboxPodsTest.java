package com.powerx.devhotload.sandbox.driver;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pod of one session: labels, image per runtime, no init step and no credential, limits, restricted context. */
class SandboxPodsTest {

    private final SandboxPods pods = new SandboxPods(new TestKubernetesConfig("/bundle", 8080), "px-sandbox-orchestrator-1",
            5000, 10000);

    @Test
    void aNodePodCarriesItsSessionTenantAndOwnerAndTheNodeImage() {
        Pod pod = pods.pod(spec("node"));

        assertThat(pod.getMetadata().getName()).isEqualTo("px-sandbox-7f0c2b7e-0000-4000-8000-000000000001");
        assertThat(pod.getMetadata().getNamespace()).isEqualTo("px-dev-hotload-sandbox");
        assertThat(pod.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "app.kubernetes.io/name", "px-sandbox", "app.kubernetes.io/component", "sandbox", "px.dev/session-id", "7f0c2b7e-0000-4000-8000-000000000001",
                "px.dev/tenant", "tenant-a", "px.dev/owner", "px-sandbox-orchestrator-1"));
        assertThat(pod.getSpec().getContainers()).singleElement().satisfies(c -> {
            assertThat(c.getImage()).isEqualTo("registry.example.com/powerx/px-sandbox-node:0.1.0");
            assertThat(c.getCommand()).containsExactly("node", "/opt/px-harness/harness.mjs");
            assertThat(c.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
        });
        assertThat(pod.getSpec().getInitContainers()).isEmpty(); // the files come over the control connection
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    }

    @Test
    void aPythonPodRunsThePythonImage() {
        Pod pod = pods.pod(spec("python"));

        assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("registry.example.com/powerx/px-sandbox-python:0.1.0");
        assertThat(pod.getSpec().getContainers().get(0).getCommand()).containsExactly("python3", "-u", "/opt/px-harness/harness.py");
        assertThat(pod.getSpec().getInitContainers()).isEmpty();
    }

    @Test
    void thePodHoldsNoCredentialAndTheRuntimeOnlyItsOwnSettings() {
        Pod pod = pods.pod(spec("node"));

        assertThat(env(pod.getSpec().getContainers().get(0), "PX_SANDBOX_BUNDLE_ROOT").getValue()).isEqualTo("/bundle");
        // the runtime container: the four plugin variables and the harness's own settings, nothing of the orchestrator
        assertThat(pod.getSpec().getContainers().get(0).getEnv()).extracting(EnvVar::getName).containsExactlyInAnyOrder(
                "HOME", "LANG", "TZ", "PX_SANDBOX_LISTEN", "PX_SANDBOX_SESSION", "PX_SANDBOX_BUNDLE_ROOT", "PX_SANDBOX_RECONNECT_MS",
                "PX_SANDBOX_HOOK_TIMEOUT_MS", "PX_SANDBOX_INVOKE_TIMEOUT_MS", "PX_SANDBOX_LOG_ECHO");
        assertThat(pod.getSpec().getContainers().get(0).getEnv()).allSatisfy(e -> assertThat(e.getValueFrom()).isNull());
        assertThat(Serialization.asYaml(pod)).doesNotContain("Bearer").doesNotContain("secretKeyRef").doesNotContain("PX_SERVICE_TOKEN")
                .doesNotContain("session-service");
    }

    @Test
    void everyContainerIsLimitedAndRestricted() {
        Pod pod = pods.pod(spec("python"));

        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        for (Container c : pod.getSpec().getContainers()) {
            SecurityContext sc = c.getSecurityContext();
            assertThat(sc.getRunAsNonRoot()).isTrue();
            assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
            assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
            assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
            assertThat(sc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
            assertThat(c.getVolumeMounts()).extracting(m -> m.getMountPath()).containsExactlyInAnyOrder("/bundle", "/tmp");
        }
        assertThat(pod.getSpec().getContainers().get(0).getResources().getLimits())
                .containsEntry("cpu", new Quantity("500m")).containsEntry("memory", new Quantity("512Mi"));
        assertThat(pod.getSpec().getVolumes()).allSatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
    }

    private static SandboxSpec spec(String runtime) {
        return new SandboxSpec("7f0c2b7e-0000-4000-8000-000000000001", runtime, Path.of("/tmp/none/v3"), null, 3,
                JsonNodeFactory.instance.objectNode().put("count", 1), null, Map.of("API", "x"), "tenant-a");
    }

    private static EnvVar env(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
    }
}
