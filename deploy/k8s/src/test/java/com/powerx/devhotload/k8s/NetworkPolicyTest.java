package com.powerx.devhotload.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The rendered NetworkPolicies open exactly the flows of ARCHITECTURE.md, written below as an allow-list: nothing
 * missing, nothing extra. A flow reads "in A <- B :port" (A accepts from B) or "out A -> B :port" (A may reach B);
 * "any" is any destination on that port (the datastores' addresses are the platform's, see docs/kubernetes.md).
 */
class NetworkPolicyTest {

    static final List<String> VARIANTS = Rendered.VARIANTS;

    static final Set<String> SUITE = Set.of(
            // Default deny, both directions, in both namespaces.
            "deny px-dev-hotload", "deny px-dev-hotload-sandbox",
            // Every pod: DNS; every service pod: traces to the OTLP collector.
            "out * -> ns/kube-system/k8s-app=kube-dns :53/UDP", "out * -> ns/kube-system/k8s-app=kube-dns :53/TCP",
            "out suite -> ns/observability :4317/TCP",
            // Public paths through the ingress controller (the orchestrator is not public).
            "in session-service <- ns/ingress-nginx :8081/TCP",
            "in stream-gateway <- ns/ingress-nginx :8083/TCP",
            "in diagnostics-service <- ns/ingress-nginx :8084/TCP",
            "in ticket-bridge <- ns/ingress-nginx :8085/TCP",
            "in telemetry-ingest <- ns/ingress-nginx :8086/TCP",
            // Data ownership: PostgreSQL (session, orchestrator, diagnostics, tickets), Redis (gateway, telemetry,
            // session-service's rate limits). Kafka (all six) below: its port depends on the listener.
            "out session-service -> any :5432/TCP", "out sandbox-orchestrator -> any :5432/TCP",
            "out diagnostics-service -> any :5432/TCP", "out ticket-bridge -> any :5432/TCP",
            "out stream-gateway -> any :6379/TCP", "out telemetry-ingest -> any :6379/TCP",
            "out session-service -> any :6379/TCP",
            // Orchestrator → session-service blobs.
            "out sandbox-orchestrator -> session-service :8081/TCP", "in session-service <- sandbox-orchestrator :8081/TCP",
            // Orchestrator replica → the replica that runs a session (a forwarded sandbox API call).
            "out sandbox-orchestrator -> sandbox-orchestrator :8082/TCP", "in sandbox-orchestrator <- sandbox-orchestrator :8082/TCP",
            // Diagnostics → its four peers (regression invoke and reload, report metrics, event replay).
            "out diagnostics-service -> sandbox-orchestrator :8082/TCP", "in sandbox-orchestrator <- diagnostics-service :8082/TCP",
            "out diagnostics-service -> session-service :8081/TCP", "in session-service <- diagnostics-service :8081/TCP",
            "out diagnostics-service -> stream-gateway :8083/TCP", "in stream-gateway <- diagnostics-service :8083/TCP",
            "out diagnostics-service -> telemetry-ingest :8086/TCP", "in telemetry-ingest <- diagnostics-service :8086/TCP",
            // The console's proxy in stream-gateway → session (admin API), telemetry (alerts), diagnostics (export,
            // reports), tickets.
            "out stream-gateway -> session-service :8081/TCP", "in session-service <- stream-gateway :8081/TCP",
            "out stream-gateway -> telemetry-ingest :8086/TCP", "in telemetry-ingest <- stream-gateway :8086/TCP",
            "out stream-gateway -> diagnostics-service :8084/TCP", "in diagnostics-service <- stream-gateway :8084/TCP",
            "out stream-gateway -> ticket-bridge :8085/TCP", "in ticket-bridge <- stream-gateway :8085/TCP",
            // Orchestrator → sandbox pods and the Kubernetes API (kubernetes SandboxDriver).
            "out sandbox-orchestrator -> ns/px-dev-hotload-sandbox/app.kubernetes.io/component=sandbox :8080/TCP",
            "in sandbox <- ns/px-dev-hotload/app.kubernetes.io/name=sandbox-orchestrator :8080/TCP",
            "out sandbox-orchestrator -> 0.0.0.0/0 :443/TCP", "out sandbox-orchestrator -> 0.0.0.0/0 :6443/TCP",
            // ticket-bridge → the trackers and notification webhooks on the internet.
            "out ticket-bridge -> 0.0.0.0/0 except [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16] :443/TCP");

    /** Every service → Kafka's plain listener (px-suite without PX_KAFKA_SECURITY_PROTOCOL, or PLAINTEXT). */
    static final Set<String> KAFKA_PLAIN = Set.of(
            "out session-service -> any :9092/TCP", "out sandbox-orchestrator -> any :9092/TCP",
            "out stream-gateway -> any :9092/TCP", "out diagnostics-service -> any :9092/TCP",
            "out ticket-bridge -> any :9092/TCP", "out telemetry-ingest -> any :9092/TCP");

    /** components/kafka-scram-tls (SASL_SSL): every service → the TLS listener instead, and nothing to 9092. */
    static final Set<String> KAFKA_TLS = Set.of(
            "out session-service -> any :9093/TCP", "out sandbox-orchestrator -> any :9093/TCP",
            "out stream-gateway -> any :9093/TCP", "out diagnostics-service -> any :9093/TCP",
            "out ticket-bridge -> any :9093/TCP", "out telemetry-ingest -> any :9093/TCP");

    /** components/cnpg: the database pods' own needs. */
    static final Set<String> CNPG = Set.of(
            "in px-pg <- session-service :5432/TCP", "in px-pg <- sandbox-orchestrator :5432/TCP",
            "in px-pg <- diagnostics-service :5432/TCP", "in px-pg <- ticket-bridge :5432/TCP",
            "in px-pg <- px-pg :5432/TCP", "in px-pg <- px-pg :8000/TCP",
            "in px-pg <- ns/cnpg-system :5432/TCP", "in px-pg <- ns/cnpg-system :8000/TCP",
            "out px-pg -> px-pg :5432/TCP", "out px-pg -> px-pg :8000/TCP",
            "out px-pg -> 0.0.0.0/0 :443/TCP", "out px-pg -> 0.0.0.0/0 :6443/TCP");

    /** components/monitoring: Prometheus scrapes every service's http port. */
    static final Set<String> MONITORING = Set.of(
            "in suite <- ns/monitoring :8081/TCP", "in suite <- ns/monitoring :8082/TCP", "in suite <- ns/monitoring :8083/TCP",
            "in suite <- ns/monitoring :8084/TCP", "in suite <- ns/monitoring :8085/TCP", "in suite <- ns/monitoring :8086/TCP");

    /** PX_BLOB_STORE=s3 (prod): session-service reaches the bucket, at the cloud's addresses. */
    static final Set<String> BLOB_BUCKET = Set.of("out session-service -> any :443/TCP");

    /** components/mtls: session-service's own TLS port through a passthrough. */
    static final Set<String> MTLS = Set.of("in session-service <- ns/ingress-nginx :8443/TCP");

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void policiesOpenExactlyTheArchitecturesFlows(String variant) {
        Rendered r = Rendered.of(variant);
        Set<String> expected = new TreeSet<>(SUITE);
        String protocol = r.configMap("px-suite").getData().getOrDefault("PX_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT");
        expected.addAll(switch (protocol) {
            case "PLAINTEXT" -> KAFKA_PLAIN;
            case "SASL_SSL" -> KAFKA_TLS;
            default -> throw new AssertionError(variant + ": no allow-list for Kafka over " + protocol);
        });
        if (!r.kind("Cluster").isEmpty()) {
            expected.addAll(CNPG);
        }
        if (!r.kind("ServiceMonitor").isEmpty()) {
            expected.addAll(MONITORING);
        }
        if (r.yaml.contains("PX_DEV_REQUIRE_MTLS")) {
            expected.addAll(MTLS);
        }
        if ("s3".equals(r.configMap("session-service").getData().get("PX_BLOB_STORE"))) {
            expected.addAll(BLOB_BUCKET);
        }
        assertThat(flows(r)).as(variant).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Between the suite's own pods a flow needs both ends open: an egress without its ingress is a dead rule. */
    @ParameterizedTest
    @FieldSource("VARIANTS")
    void everyFlowBetweenServicesIsOpenAtBothEnds(String variant) {
        Set<String> flows = flows(Rendered.of(variant));
        for (String flow : flows) {
            String[] f = flow.split(" ");
            if (f[0].equals("out") && Rendered.SERVICES.contains(f[3])) {
                assertThat(flows).as(flow).contains("in " + f[3] + " <- " + f[1] + " " + f[4]);
            }
            if (f[0].equals("in") && Rendered.SERVICES.contains(f[3]) && Rendered.SERVICES.contains(f[1])) {
                assertThat(flows).as(flow).contains("out " + f[3] + " -> " + f[1] + " " + f[4]);
            }
        }
    }

    static Set<String> flows(Rendered r) {
        Set<String> out = new TreeSet<>();
        for (NetworkPolicy p : r.all(NetworkPolicy.class)) {
            var spec = p.getSpec();
            String subject = subject(spec.getPodSelector());
            boolean noRules = (spec.getIngress() == null || spec.getIngress().isEmpty())
                    && (spec.getEgress() == null || spec.getEgress().isEmpty());
            if (noRules && subject.equals("*")) {
                assertThat(spec.getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
                out.add("deny " + p.getMetadata().getNamespace());
            }
            spec.getIngress().forEach(rule -> expand(out, "in " + subject + " <- ", rule.getFrom(), rule.getPorts(),
                    p.getMetadata().getNamespace()));
            spec.getEgress().forEach(rule -> expand(out, "out " + subject + " -> ", rule.getTo(), rule.getPorts(),
                    p.getMetadata().getNamespace()));
        }
        return out;
    }

    private static void expand(Set<String> out, String head, List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports,
            String namespace) {
        assertThat(ports).as(head + ": every rule names its ports").isNotEmpty();
        List<String> names = new ArrayList<>();
        if (peers == null || peers.isEmpty()) {
            names.add("any");
        } else {
            peers.forEach(peer -> names.add(peer(peer)));
        }
        for (String name : names) {
            for (NetworkPolicyPort port : ports) {
                out.add(head + name + " :" + port.getPort().getIntVal() + "/" + port.getProtocol());
            }
        }
    }

    private static String subject(LabelSelector selector) {
        Map<String, String> labels = selector.getMatchLabels();
        if (labels == null || labels.isEmpty()) {
            return "*";
        }
        if (labels.containsKey("app.kubernetes.io/name")) {
            return labels.get("app.kubernetes.io/name");
        }
        if (labels.containsKey("app.kubernetes.io/component")) {
            return labels.get("app.kubernetes.io/component");
        }
        if (labels.containsKey("cnpg.io/cluster")) {
            return labels.get("cnpg.io/cluster");
        }
        if ("px-dev-hotload".equals(labels.get("app.kubernetes.io/part-of"))) {
            return "suite";
        }
        throw new AssertionError("unexpected pod selector " + labels);
    }

    private static String peer(NetworkPolicyPeer peer) {
        if (peer.getIpBlock() != null) {
            List<String> except = peer.getIpBlock().getExcept();
            return peer.getIpBlock().getCidr() + (except == null || except.isEmpty() ? "" : " except " + except);
        }
        if (peer.getNamespaceSelector() != null) {
            String ns = peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
            assertThat(ns).as("namespaces are selected by name").isNotNull();
            String pods = peer.getPodSelector() == null ? "" : "/" + peer.getPodSelector().getMatchLabels().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
            return "ns/" + ns + pods;
        }
        return subject(peer.getPodSelector());
    }
}
