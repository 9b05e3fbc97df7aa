package com.powerx.devhotload.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Probes, resources, the restricted security context, and the replica rules of each overlay. */
class WorkloadTest {

    static final List<String> VARIANTS = Rendered.VARIANTS;
    /** The only service that needs the Kubernetes API (the kubernetes SandboxDriver manages pods). */
    static final String API_CLIENT = "sandbox-orchestrator";

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void everyServiceHasTheThreeProbesOnQuarkusHealth(String variant) {
        Rendered r = Rendered.of(variant);
        for (String service : Rendered.SERVICES) {
            Container c = container(r, service);
            assertThat(path(c.getStartupProbe())).as(service + " startup").isEqualTo("/q/health/started");
            assertThat(path(c.getReadinessProbe())).as(service + " readiness").isEqualTo("/q/health/ready");
            assertThat(path(c.getLivenessProbe())).as(service + " liveness").isEqualTo("/q/health/live");
            assertThat(c.getStartupProbe().getFailureThreshold() * c.getStartupProbe().getPeriodSeconds())
                    .as(service + ": time to start (Flyway, JIT) before liveness counts").isGreaterThanOrEqualTo(120);
        }
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void everyContainerHasRequestsAndLimits(String variant) {
        Rendered r = Rendered.of(variant);
        for (String service : Rendered.SERVICES) {
            var res = container(r, service).getResources();
            for (String resource : List.of("cpu", "memory")) {
                Quantity request = res.getRequests().get(resource);
                Quantity limit = res.getLimits().get(resource);
                assertThat(request).as(service + " request " + resource).isNotNull();
                assertThat(limit).as(service + " limit " + resource).isNotNull();
                assertThat(limit.getNumericalAmount()).as(service + " " + resource + " limit ≥ request")
                        .isGreaterThanOrEqualTo(request.getNumericalAmount());
            }
            // A JVM at half its limit needs the base's 384 MiB heap at least (deploy/local's -Xmx384m).
            assertThat(res.getLimits().get("memory").getNumericalAmount().longValue()).as(service + " memory")
                    .isGreaterThanOrEqualTo(768L * 1024 * 1024);
            assertThat(res.getRequests().get("memory")).as(service + ": memory request = limit (not evicted first)")
                    .isEqualTo(res.getLimits().get("memory"));
        }
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void everyPodRunsRestricted(String variant) {
        Rendered r = Rendered.of(variant);
        for (String service : Rendered.SERVICES) {
            PodSpec pod = r.workload(service).template().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(service).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(service).isPositive();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(service).isEqualTo("RuntimeDefault");
            for (Container c : pod.getContainers()) {
                var sc = c.getSecurityContext();
                assertThat(sc.getAllowPrivilegeEscalation()).as(service).isFalse();
                assertThat(sc.getReadOnlyRootFilesystem()).as(service).isTrue();
                assertThat(sc.getRunAsNonRoot()).as(service).isTrue();
                assertThat(sc.getCapabilities().getDrop()).as(service).containsExactly("ALL");
                assertThat(sc.getCapabilities().getAdd()).as(service).isNullOrEmpty();
                assertThat(sc.getPrivileged()).as(service).isNotEqualTo(Boolean.TRUE);
                // The read-only root needs /tmp writable, and every mount needs its volume.
                assertThat(c.getVolumeMounts()).as(service + " /tmp").anyMatch(m -> m.getMountPath().equals("/tmp"));
                c.getVolumeMounts().forEach(m -> assertThat(pod.getVolumes()).as(service + " " + m.getName())
                        .anyMatch(v -> v.getName().equals(m.getName())));
            }
            assertThat(volume(pod, "tmp").getEmptyDir()).as(service + " /tmp is an emptyDir").isNotNull();
        }
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void onlyTheOrchestratorGetsAnApiToken(String variant) {
        Rendered r = Rendered.of(variant);
        for (String service : Rendered.SERVICES) {
            PodSpec pod = r.workload(service).template().getSpec();
            boolean expected = service.equals(API_CLIENT);
            assertThat(pod.getAutomountServiceAccountToken()).as(service).isEqualTo(expected);
            assertThat(pod.getServiceAccountName()).as(service).isEqualTo(service);
            ServiceAccount sa = r.named(ServiceAccount.class, service).orElseThrow();
            assertThat(sa.getAutomountServiceAccountToken()).as(service + " ServiceAccount").isEqualTo(expected);
        }
        // ... and its rights are pods in the sandbox namespace only.
        assertThat(r.kind("Role")).singleElement().satisfies(role ->
                assertThat(role.getMetadata().getNamespace()).isEqualTo(Rendered.SANDBOX_NAMESPACE));
        assertThat(r.kind("ClusterRole")).isEmpty();
        assertThat(r.kind("ClusterRoleBinding")).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void everyServiceHasAServiceAndADisruptionBudget(String variant) {
        Rendered r = Rendered.of(variant);
        for (String service : Rendered.SERVICES) {
            Map<String, String> podLabels = r.workload(service).template().getMetadata().getLabels();
            Service svc = r.named(Service.class, service).orElseThrow(() -> new AssertionError("Service " + service));
            assertThat(podLabels).as(service + " Service selects its pods").containsAllEntriesOf(svc.getSpec().getSelector());
            PodDisruptionBudget pdb = r.named(PodDisruptionBudget.class, service)
                    .orElseThrow(() -> new AssertionError("PodDisruptionBudget " + service));
            assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        }
    }

    @Test
    void prodRunsAtLeastTwoReplicasOfEveryServiceAndNeverScalesBelow() {
        Rendered r = Rendered.of("prod");
        for (String service : Rendered.SERVICES) {
            assertThat(r.workload(service).replicas()).as(service).isGreaterThanOrEqualTo(2);
            hpa(r, service).ifPresent(h -> assertThat(h.getSpec().getMinReplicas()).as(service + " HPA").isGreaterThanOrEqualTo(2));
        }
        assertThat(r.all(HorizontalPodAutoscaler.class)).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .as("the services that scale out").containsExactlyInAnyOrder("session-service", "stream-gateway",
                        "diagnostics-service", "telemetry-ingest", "sandbox-orchestrator");
    }

    @Test
    void devRunsOneReplicaOfEachAndDoesNotAutoscale() {
        Rendered r = Rendered.of("dev");
        for (String service : Rendered.SERVICES) {
            assertThat(r.workload(service).replicas()).as(service).isEqualTo(1);
        }
        assertThat(r.all(HorizontalPodAutoscaler.class)).isEmpty();
    }

    /**
     * A blob uploaded to one session-service replica is read through any other: wherever more than one may run, the
     * blobs are in a bucket (PX_BLOB_STORE=s3 with a bucket) or on a ReadWriteMany claim. Prod takes the bucket.
     */
    @ParameterizedTest
    @FieldSource("VARIANTS")
    void blobsAreSharedWheneverSessionServiceMayRunMoreThanOneReplica(String variant) {
        Rendered r = Rendered.of(variant);
        int most = Math.max(r.workload("session-service").replicas(),
                hpa(r, "session-service").map(h -> h.getSpec().getMaxReplicas()).orElse(1));
        Map<String, String> config = r.configMap("session-service").getData();
        boolean bucket = "s3".equals(config.get("PX_BLOB_STORE"))
                && !config.getOrDefault("PX_BLOB_S3_BUCKET", "").isBlank();
        Volume blobs = volume(r.workload("session-service").template().getSpec(), "blobs");
        Optional<PersistentVolumeClaim> claim = Optional.ofNullable(blobs.getPersistentVolumeClaim())
                .map(ref -> r.named(PersistentVolumeClaim.class, ref.getClaimName())
                        .orElseThrow(() -> new AssertionError(variant + ": no claim " + ref.getClaimName())));
        boolean sharedVolume = claim.filter(c -> c.getSpec().getAccessModes().contains("ReadWriteMany")).isPresent();
        if (most > 1) {
            assertThat(bucket || sharedVolume).as(variant + ": up to " + most + " session-service replicas share their "
                    + "blobs through PX_BLOB_STORE=s3 with a bucket, or a ReadWriteMany claim").isTrue();
        }
        assertThat(bucket && sharedVolume).as(variant + ": a bucket and a shared volume (the overlay's s3 settings win "
                + "over components/blobs-rwx)").isFalse();
        if (variant.equals("prod")) {
            assertThat(bucket).as("prod keeps blobs in a bucket").isTrue();
        }
        // The blob directory is writable either way: the blobs themselves (fs) or the uploads in flight (s3).
        assertThat(blobs.getEmptyDir() != null || claim.isPresent()).isTrue();
    }

    /**
     * HPAs target an existing workload within their range; each scales on its service's signal: CPU, except the
     * orchestrator, whose capacity is sandboxes (SandboxNamespaceTest).
     */
    @ParameterizedTest
    @FieldSource("VARIANTS")
    void autoscalersScaleOnTheirServicesSignal(String variant) {
        Rendered r = Rendered.of(variant);
        for (HorizontalPodAutoscaler h : r.all(HorizontalPodAutoscaler.class)) {
            String target = h.getSpec().getScaleTargetRef().getName();
            assertThat(r.workload(target).kind()).isEqualTo(h.getSpec().getScaleTargetRef().getKind());
            boolean cpu = h.getSpec().getMetrics().stream()
                    .anyMatch(m -> m.getResource() != null && m.getResource().getName().equals("cpu"));
            assertThat(cpu).as(h.getMetadata().getName() + " scales on CPU").isEqualTo(!target.equals(SandboxNamespaceTest.ORCHESTRATOR));
            assertThat(h.getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(h.getSpec().getMinReplicas());
        }
    }

    static Container container(Rendered r, String service) {
        return r.workload(service).template().getSpec().getContainers().get(0);
    }

    static Optional<HorizontalPodAutoscaler> hpa(Rendered r, String service) {
        return r.all(HorizontalPodAutoscaler.class).stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(service)).findFirst();
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("volume " + name));
    }

    private static String path(Probe probe) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
        return probe.getHttpGet().getPath();
    }
}
