package com.powerx.devhotload.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every rendered document is a known model type; images are pinned; nothing secret is rendered. */
class ParseAndImagesTest {

    static final List<String> VARIANTS = Rendered.VARIANTS;

    /** Custom resources this deployment uses, with the API version each operator serves. */
    static final Map<String, String> CUSTOM_KINDS = Map.of(
            "KafkaTopic", "kafka.strimzi.io/v1beta2",
            "KafkaUser", "kafka.strimzi.io/v1beta2",
            "Cluster", "postgresql.cnpg.io/v1",
            "Database", "postgresql.cnpg.io/v1",
            "ServiceMonitor", "monitoring.coreos.com/v1",
            "PrometheusRule", "monitoring.coreos.com/v1");

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void everyDocumentParsesIntoItsModelType(String variant) {
        Rendered r = Rendered.of(variant);
        assertThat(r.resources).isNotEmpty();
        for (HasMetadata resource : r.resources) {
            String kind = resource.getKind();
            if (CUSTOM_KINDS.containsKey(kind)) {
                assertThat(resource).as(kind).isInstanceOf(GenericKubernetesResource.class);
                assertThat(resource.getApiVersion()).as(kind).isEqualTo(CUSTOM_KINDS.get(kind));
            } else {
                assertThat(resource).as(kind + " " + resource.getMetadata().getName() + " is a typed fabric8 model")
                        .isNotInstanceOf(GenericKubernetesResource.class);
            }
            if (!(resource instanceof Namespace)) {
                assertThat(resource.getMetadata().getNamespace()).as(kind + " " + resource.getMetadata().getName())
                        .isIn(Rendered.NAMESPACE, Rendered.SANDBOX_NAMESPACE);
            }
        }
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void secretsAreOnlyReferencedNeverRendered(String variant) {
        Rendered r = Rendered.of(variant);
        assertThat(r.kind("Secret")).as("secrets are created by the operator (docs/runbook.md)").isEmpty();
        for (var cm : r.all(io.fabric8.kubernetes.api.model.ConfigMap.class)) {
            assertThat(cm.getData().keySet()).as("ConfigMap " + cm.getMetadata().getName())
                    .noneMatch(EnvironmentTest::isSecret);
        }
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void everyImageIsPinned(String variant) {
        Rendered r = Rendered.of(variant);
        List<String> images = new ArrayList<>();
        for (String service : Rendered.SERVICES) {
            var spec = r.workload(service).template().getSpec();
            Stream.concat(spec.getContainers().stream(), spec.getInitContainers().stream()).map(Container::getImage)
                    .forEach(images::add);
            // The sandbox runtime images the orchestrator will start are images too.
            spec.getContainers().forEach(c -> EnvironmentTest.environment(r, c).forEach((name, value) -> {
                if (name.startsWith("PX_SANDBOX_IMAGE_")) {
                    images.add(value.value());
                }
            }));
        }
        r.kind("Cluster").forEach(c -> images.add(((GenericKubernetesResource) c).get("spec", "imageName")));
        assertThat(images).isNotEmpty().allSatisfy(image -> {
            String afterRegistry = image.substring(image.lastIndexOf('/') + 1);
            assertThat(afterRegistry).as(image + " has a tag").contains(":");
            String tag = afterRegistry.substring(afterRegistry.indexOf(':') + 1);
            assertThat(tag).as(image).isNotBlank().isNotEqualTo("latest").doesNotContain("SNAPSHOT");
        });
        assertThat(images.stream().filter(i -> i.contains("px-sandbox-")).map(i -> i.replaceAll(":.*", "")))
                .as("both sandbox runtimes").containsAll(Set.of("registry.example.com/powerx/px-sandbox-node",
                        "registry.example.com/powerx/px-sandbox-python"));
    }
}
