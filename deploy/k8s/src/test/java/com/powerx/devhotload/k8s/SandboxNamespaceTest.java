package com.powerx.devhotload.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Sandboxes run as pods (PX_SANDBOX_DRIVER=kubernetes) in every overlay: the orchestrator's pod is a JVM like the
 * others, and the sandbox namespace admits every pod the orchestrators may start, each within its LimitRange.
 */
class SandboxNamespaceTest {

    static final List<String> VARIANTS = Rendered.VARIANTS;
    static final String ORCHESTRATOR = "sandbox-orchestrator";

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void sandboxesRunAsPodsAndTheOrchestratorIsAJvmLikeTheOthers(String variant) {
        Rendered r = Rendered.of(variant);
        Map<String, EnvironmentTest.Value> env = env(r);
        assertThat(env.get("PX_SANDBOX_DRIVER").value()).as(variant).isEqualTo("kubernetes");
        assertThat(env.get("PX_SANDBOX_NAMESPACE").value()).isEqualTo(Rendered.SANDBOX_NAMESPACE);
        // No fixed -Xmx keeping room for plugins next to the JVM: its heap is half its limit, as for every service.
        assertThat(env.get("JAVA_TOOL_OPTIONS").configMap()).as(variant + ": JVM flags from px-suite").isEqualTo("px-suite");
        Namespace sandboxes = r.named(Namespace.class, Rendered.SANDBOX_NAMESPACE).orElseThrow();
        assertThat(sandboxes.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void theQuotaAdmitsEveryPodTheOrchestratorsMayStart(String variant) {
        Rendered r = Rendered.of(variant);
        int perReplica = Integer.parseInt(setting(r, "PX_SANDBOX_MAX"));
        int replicas = Math.max(r.workload(ORCHESTRATOR).replicas(),
                WorkloadTest.hpa(r, ORCHESTRATOR).map(h -> h.getSpec().getMaxReplicas()).orElse(1));
        long pods = (long) perReplica * replicas;
        Map<String, Quantity> hard = r.all(ResourceQuota.class).stream()
                .filter(q -> q.getMetadata().getNamespace().equals(Rendered.SANDBOX_NAMESPACE)).findFirst()
                .orElseThrow(() -> new AssertionError(variant + ": no ResourceQuota in the sandbox namespace"))
                .getSpec().getHard();
        assertThat(Long.parseLong(hard.get("pods").getAmount())).as(variant + ": PX_SANDBOX_MAX × " + replicas + " replicas")
                .isGreaterThanOrEqualTo(pods);
        Map<String, String> perPod = Map.of("requests.cpu", "PX_SANDBOX_CPU_REQUEST", "requests.memory",
                "PX_SANDBOX_MEMORY_REQUEST", "limits.cpu", "PX_SANDBOX_CPU_LIMIT", "limits.memory", "PX_SANDBOX_MEMORY_LIMIT");
        perPod.forEach((resource, variable) -> assertThat(amount(hard.get(resource))).as(variant + " quota " + resource)
                .isGreaterThanOrEqualTo(amount(new Quantity(setting(r, variable))).multiply(BigDecimal.valueOf(pods))));
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void eachSandboxPodFitsTheLimitRange(String variant) {
        Rendered r = Rendered.of(variant);
        LimitRangeItem container = r.all(LimitRange.class).stream()
                .filter(l -> l.getMetadata().getNamespace().equals(Rendered.SANDBOX_NAMESPACE))
                .flatMap(l -> l.getSpec().getLimits().stream()).filter(l -> l.getType().equals("Container")).findFirst()
                .orElseThrow(() -> new AssertionError(variant + ": no Container LimitRange in the sandbox namespace"));
        for (String resource : List.of("cpu", "memory")) {
            String suffix = resource.toUpperCase();
            BigDecimal request = amount(new Quantity(setting(r, "PX_SANDBOX_" + suffix + "_REQUEST")));
            BigDecimal limit = amount(new Quantity(setting(r, "PX_SANDBOX_" + suffix + "_LIMIT")));
            assertThat(limit).as(variant + " " + resource + " limit ≥ request").isGreaterThanOrEqualTo(request);
            assertThat(limit).as(variant + " " + resource + " limit within the LimitRange")
                    .isLessThanOrEqualTo(amount(container.getMax().get(resource)));
        }
    }

    /** The orchestrator scales on its sandboxes gauge at about 70 % of PX_SANDBOX_MAX, and leaves slowly. */
    @ParameterizedTest
    @FieldSource("VARIANTS")
    void theOrchestratorAutoscalesOnItsSandboxesWhereItAutoscales(String variant) {
        Rendered r = Rendered.of(variant);
        var hpa = WorkloadTest.hpa(r, ORCHESTRATOR);
        if (!variant.equals("dev")) {
            assertThat(hpa).as(variant + ": components/custom-metrics-hpa").isPresent();
        }
        hpa.ifPresent(h -> assertScalesOnSandboxes(h, Integer.parseInt(setting(r, "PX_SANDBOX_MAX"))));
    }

    private static void assertScalesOnSandboxes(HorizontalPodAutoscaler h, int perReplica) {
        assertThat(h.getSpec().getScaleTargetRef().getKind()).isEqualTo("StatefulSet");
        assertThat(h.getSpec().getMetrics()).as("capacity is sandboxes, not CPU").singleElement().satisfies(m -> {
            assertThat(m.getType()).isEqualTo("Pods");
            assertThat(m.getPods().getMetric().getName()).isEqualTo("dev_hotload_sandboxes");
            assertThat(m.getPods().getTarget().getType()).isEqualTo("AverageValue");
            double share = amount(m.getPods().getTarget().getAverageValue()).doubleValue() / perReplica;
            assertThat(share).as("target share of PX_SANDBOX_MAX").isBetween(0.6, 0.8);
        });
        var down = h.getSpec().getBehavior().getScaleDown();
        assertThat(down.getStabilizationWindowSeconds()).as("removing a replica restarts its sandboxes").isGreaterThanOrEqualTo(900);
        assertThat(down.getPolicies()).isNotEmpty().allSatisfy(p -> {
            assertThat(p.getType()).isEqualTo("Pods");
            assertThat(p.getValue()).isEqualTo(1);
            assertThat(p.getPeriodSeconds()).isGreaterThanOrEqualTo(600);
        });
    }

    private static Map<String, EnvironmentTest.Value> env(Rendered r) {
        return EnvironmentTest.environment(r, WorkloadTest.container(r, ORCHESTRATOR));
    }

    /** The orchestrator's setting as the pod gets it, else its default in the service's source. */
    private static String setting(Rendered r, String name) {
        EnvironmentTest.Value set = env(r).get(name);
        if (set != null && set.value() != null) {
            return set.value();
        }
        return ServiceConfigSource.of(ORCHESTRATOR).configured.get(name).defaultValue()
                .orElseThrow(() -> new AssertionError(name + " is neither set nor defaulted"));
    }

    private static BigDecimal amount(Quantity q) {
        return q.getNumericalAmount();
    }
}
