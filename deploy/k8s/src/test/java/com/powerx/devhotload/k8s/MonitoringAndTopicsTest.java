package com.powerx.devhotload.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Alerts, the dashboard and the autoscalers use metrics the services really expose; every contract topic is provisioned. */
class MonitoringAndTopicsTest {

    private static final Pattern SUITE_METRIC = Pattern.compile("\\b(?:dev_hotload|admin_dev_hotload|debug)_[a-z0-9_]+");
    private static final Pattern METER_NAME = Pattern.compile("\"((?:dev\\.hotload|admin\\.dev_hotload|debug)\\.[a-z0-9_.]+)\"");
    private static final Pattern CONTRACT_TOPIC = Pattern.compile("^\\| `([a-z.]+)` \\|", Pattern.MULTILINE);

    @Test
    void alertsAndDashboardUseMetersTheServicesRegister() {
        Rendered r = Rendered.of("prod");
        Set<String> meters = meterBases();
        assertThat(meters).as("derived from the services' sources").contains("debug_masking_violation");
        List<String> exprs = new ArrayList<>();
        for (HasMetadata rule : r.kind("PrometheusRule")) {
            List<Map<String, Object>> groups = ((GenericKubernetesResource) rule).get("spec", "groups");
            groups.forEach(g -> ((List<Map<String, Object>>) g.get("rules")).forEach(x -> exprs.add((String) x.get("expr"))));
        }
        ConfigMap dashboard = r.named(ConfigMap.class, "px-dev-hotload-dashboard").orElseThrow();
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        exprs.add(dashboard.getData().values().iterator().next());
        Set<String> used = new TreeSet<>();
        exprs.forEach(e -> SUITE_METRIC.matcher(e).results().forEach(m -> used.add(m.group())));
        assertThat(used).as("suite metrics used by alerts and dashboard").hasSizeGreaterThan(8);
        used.forEach(name -> assertThat(meters).as(name + " is registered by a service").contains(base(name)));
    }

    /** The custom-metrics autoscalers (components/custom-metrics-hpa) scale on per-pod gauges some service registers. */
    @Test
    void autoscalersUseMetersTheServicesRegister() {
        Set<String> meters = meterBases();
        Set<String> used = new TreeSet<>();
        for (String variant : List.of("prod", "all-components")) {
            Rendered.of(variant).all(HorizontalPodAutoscaler.class).forEach(h -> h.getSpec().getMetrics().stream()
                    .filter(m -> m.getPods() != null).forEach(m -> used.add(m.getPods().getMetric().getName())));
        }
        assertThat(used).as("per-pod metrics the autoscalers use")
                .contains("dev_hotload_stream_subscribers", "dev_hotload_sandboxes");
        used.forEach(name -> assertThat(meters).as(name + " is registered by a service").contains(base(name)));
    }

    @Test
    void everyAlertHasARunbookSection() throws IOException {
        String runbook = Files.readString(Rendered.ROOT.resolve("docs/runbook.md"));
        for (HasMetadata rule : Rendered.of("prod").kind("PrometheusRule")) {
            List<Map<String, Object>> groups = ((GenericKubernetesResource) rule).get("spec", "groups");
            for (Map<String, Object> g : groups) {
                for (Map<String, Object> alert : (List<Map<String, Object>>) g.get("rules")) {
                    String name = (String) alert.get("alert");
                    assertThat(runbook).as("docs/runbook.md has a section for " + name).contains("### " + name);
                    assertThat(((Map<String, String>) alert.get("annotations")).get("runbook"))
                            .isEqualTo("docs/runbook.md#" + name.toLowerCase());
                }
            }
        }
    }

    @Test
    void everyContractTopicIsAKafkaTopicSizedForTheConsumers() throws IOException {
        String contract = Files.readString(Rendered.ROOT.resolve("docs/CONTRACT.md"));
        String events = contract.substring(contract.indexOf("## 9."), contract.indexOf("## 10."));
        Set<String> topics = new TreeSet<>();
        CONTRACT_TOPIC.matcher(events).results().forEach(m -> topics.add(m.group(1)));
        assertThat(topics).hasSize(8);
        for (String variant : List.of("dev", "prod")) {
            Rendered r = Rendered.of(variant);
            Map<String, GenericKubernetesResource> provisioned = new java.util.TreeMap<>();
            r.kind("KafkaTopic").forEach(t -> provisioned.put(((GenericKubernetesResource) t).get("spec", "topicName"),
                    (GenericKubernetesResource) t));
            assertThat(provisioned.keySet()).as(variant).containsExactlyInAnyOrderElementsOf(topics);
            provisioned.values().forEach(t -> {
                assertThat(t.getMetadata().getLabels()).containsKey("strimzi.io/cluster");
                assertThat((String) t.get("spec", "config", "retention.ms")).isNotBlank();
                int replicas = t.get("spec", "replicas");
                int minIsr = Integer.parseInt(t.get("spec", "config", "min.insync.replicas"));
                assertThat(minIsr).as("acks=all survives one broker down").isLessThanOrEqualTo(Math.max(1, replicas - 1));
            });
        }
        // Every topic a service consumes is provisioned.
        Rendered prod = Rendered.of("prod");
        Set<String> provisioned = new TreeSet<>();
        prod.kind("KafkaTopic").forEach(t -> provisioned.add(((GenericKubernetesResource) t).get("spec", "topicName")));
        for (String service : Rendered.SERVICES) {
            String props = Files.readString(Rendered.ROOT.resolve(service).resolve("src/main/resources/application.properties"));
            Pattern.compile("^mp\\.messaging\\.incoming\\.[\\w-]+\\.topics?=(.+)$", Pattern.MULTILINE).matcher(props).results()
                    .flatMap(m -> Stream.of(m.group(1).split(","))).forEach(t ->
                            assertThat(provisioned).as(service + " consumes " + t).contains(t.strip()));
        }
        // The volume topic has a partition for every replica the autoscalers may add to its consumers.
        int log = prod.kind("KafkaTopic").stream().map(GenericKubernetesResource.class::cast)
                .filter(t -> "dev.session.log".equals(t.get("spec", "topicName"))).map(t -> (Integer) t.get("spec", "partitions"))
                .findFirst().orElseThrow();
        prod.all(HorizontalPodAutoscaler.class).forEach(h -> assertThat(log).as(h.getMetadata().getName())
                .isGreaterThanOrEqualTo(h.getSpec().getMaxReplicas()));
    }

    /** Micrometer's Prometheus names without their unit and type suffixes, from every meter name in the code. */
    private static Set<String> meterBases() {
        Set<String> out = new TreeSet<>();
        for (String service : Rendered.SERVICES) {
            try (Stream<Path> walk = Files.walk(Rendered.ROOT.resolve(service).resolve("src/main/java"))) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                    Matcher m = METER_NAME.matcher(read(p));
                    while (m.find()) {
                        out.add(base(m.group(1).replace('.', '_')));
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static String base(String name) {
        String previous;
        String n = name;
        do {
            previous = n;
            n = n.replaceAll("_(bucket|count|sum|max|total|seconds)$", "");
        } while (!n.equals(previous));
        return n;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
