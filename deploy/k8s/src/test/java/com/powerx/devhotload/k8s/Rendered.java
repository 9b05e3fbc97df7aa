package com.powerx.devhotload.k8s;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** One overlay rendered by {@code kubectl kustomize} and parsed into fabric8 model objects (cached per JVM). */
final class Rendered {

    /** The repository root (surefire runs in deploy/k8s). */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
    static final Path K8S = ROOT.resolve("deploy/k8s");
    static final String NAMESPACE = "px-dev-hotload";
    static final String SANDBOX_NAMESPACE = "px-dev-hotload-sandbox";
    static final List<String> SERVICES = List.of("session-service", "sandbox-orchestrator", "stream-gateway",
            "diagnostics-service", "ticket-bridge", "telemetry-ingest");
    /** What the tests render: both overlays, and base with every optional component. */
    static final List<String> VARIANTS = List.of("dev", "prod", "all-components");

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    final String variant;
    final String yaml;
    final List<HasMetadata> resources;

    private Rendered(String variant, String yaml, List<HasMetadata> resources) {
        this.variant = variant;
        this.yaml = yaml;
        this.resources = resources;
    }

    private static final java.util.concurrent.atomic.AtomicBoolean TOLD = new java.util.concurrent.atomic.AtomicBoolean();

    static Rendered of(String variant) {
        String reason = "kubectl not found on PATH: Kubernetes manifests not rendered, tests skipped";
        if (kubectl().isEmpty() && !TOLD.getAndSet(true)) {
            System.err.println("[px-k8s-manifests] " + reason); // one line in the build log, not only in the reports
        }
        assumeTrue(kubectl().isPresent(), reason);
        return CACHE.computeIfAbsent(variant, Rendered::render);
    }

    private static Optional<Path> kubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Rendered render(String variant) {
        Path dir = variant.equals("all-components") ? allComponents() : K8S.resolve("overlays").resolve(variant);
        String yaml = run(kubectl().orElseThrow().toString(), "kustomize", dir.toString());
        return new Rendered(variant, yaml, parse(yaml));
    }

    /** A throw-away kustomization: base plus every component, so that each component is rendered and checked. */
    private static Path allComponents() {
        try {
            Path dir = K8S.resolve("target/all-components");
            Files.createDirectories(dir);
            StringBuilder k = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n")
                    .append("resources:\n  - ../../base\ncomponents:\n");
            try (var components = Files.list(K8S.resolve("components"))) {
                components.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted()
                        .forEach(c -> k.append("  - ../../components/").append(c).append('\n'));
            }
            Files.writeString(dir.resolve("kustomization.yaml"), k.toString());
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every document into its fabric8 type; kinds fabric8 does not know come out as GenericKubernetesResource. */
    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> out = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isEmpty()) {
                    out.add(SERIALIZATION.unmarshal(SERIALIZATION.asJson(doc), HasMetadata.class));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<HasMetadata> kind(String kind) {
        return resources.stream().filter(r -> r.getKind().equals(kind)).toList();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
    }

    ConfigMap configMap(String name) {
        return named(ConfigMap.class, name).orElseThrow(() -> new AssertionError(variant + ": no ConfigMap " + name));
    }

    /** The workload (Deployment or StatefulSet) of a service. */
    Workload workload(String service) {
        Optional<Deployment> d = named(Deployment.class, service);
        if (d.isPresent()) {
            return new Workload(service, "Deployment", d.get().getSpec().getReplicas(), d.get().getSpec().getTemplate());
        }
        StatefulSet s = named(StatefulSet.class, service)
                .orElseThrow(() -> new AssertionError(variant + ": no Deployment or StatefulSet " + service));
        return new Workload(service, "StatefulSet", s.getSpec().getReplicas(), s.getSpec().getTemplate());
    }

    record Workload(String name, String kind, Integer replicas, PodTemplateSpec template) {
    }
}
