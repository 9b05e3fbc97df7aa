package com.powerx.devhotload.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Every PX_* variable a service reads (derived from its source) has what a cluster needs in the rendered pod. */
class EnvironmentTest {

    static final List<String> VARIANTS = Rendered.VARIANTS;

    /**
     * Settings a manifest may carry ahead of the code that reads them; none today (the kubernetes SandboxDriver reads
     * CONTRACT.md §13's four). Nothing else may be set that the service does not read.
     */
    static final Set<String> AHEAD_OF_CODE = Set.of();

    /** Variables that carry the public base URL clients are sent to: they must name the ingress host. */
    static final Set<String> PUBLIC_URLS = Set.of("PX_DEV_STREAM_URL", "PX_DEV_ADMIN_URL", "PX_TICKETS_PUBLIC_URL");

    private static final Pattern PEER_URL = Pattern.compile("^https?://([a-z0-9-]+):(\\d+)");

    /** Where a container's variable comes from. */
    record Value(String value, String secret, String configMap, boolean fieldRef) {
        boolean fromSecret() {
            return secret != null;
        }
    }

    /** A variable whose value is a credential (a Kafka JAAS line carries its SCRAM password). */
    static boolean isSecret(String name) {
        return name.matches(".*(PASSWORD|TOKEN|SECRET|HMAC_KEY|SLACK_WEBHOOK_URL|JAAS_CONFIG)$");
    }

    /** The container's environment as Kubernetes builds it: envFrom in order (later wins), then env. */
    static Map<String, Value> environment(Rendered r, Container c) {
        Map<String, Value> env = new LinkedHashMap<>();
        for (EnvFromSource from : c.getEnvFrom()) {
            assertThat(from.getSecretRef()).as("secrets come by key (secretKeyRef), never wholesale").isNull();
            ConfigMap cm = r.configMap(from.getConfigMapRef().getName());
            cm.getData().forEach((k, v) -> env.put(k, new Value(v, null, cm.getMetadata().getName(), false)));
        }
        for (EnvVar e : c.getEnv()) {
            if (e.getValueFrom() == null) {
                env.put(e.getName(), new Value(e.getValue(), null, null, false));
            } else if (e.getValueFrom().getSecretKeyRef() != null) {
                env.put(e.getName(), new Value(null, e.getValueFrom().getSecretKeyRef().getName(), null, false));
            } else if (e.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = e.getValueFrom().getConfigMapKeyRef();
                env.put(e.getName(), new Value(r.configMap(ref.getName()).getData().get(ref.getKey()), null, ref.getName(), false));
            } else {
                env.put(e.getName(), new Value(null, null, null, true));
            }
        }
        return env;
    }

    private static Map<String, Value> environment(Rendered r, String service) {
        return environment(r, r.workload(service).template().getSpec().getContainers().get(0));
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void everyVariableACLusterNeedsIsSet(String variant) {
        Rendered r = Rendered.of(variant);
        for (String service : Rendered.SERVICES) {
            ServiceConfigSource source = ServiceConfigSource.of(service);
            Map<String, Value> env = environment(r, service);
            assertThat(source.mustBeSet()).as(service + ": derived from its source").isNotEmpty();
            assertThat(env.keySet()).as(variant + " " + service + ": variables whose default only works on a "
                    + "developer's machine, or that have none").containsAll(source.mustBeSet());
        }
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void nothingIsSetThatTheServiceDoesNotRead(String variant) {
        Rendered r = Rendered.of(variant);
        Set<String> readBySomeService = new TreeSet<>();
        for (String service : Rendered.SERVICES) {
            ServiceConfigSource source = ServiceConfigSource.of(service);
            readBySomeService.addAll(source.known);
            Set<String> allowed = new TreeSet<>(source.known);
            if (service.equals("sandbox-orchestrator")) {
                allowed.addAll(AHEAD_OF_CODE);
            }
            environment(r, service).forEach((name, value) -> {
                // The shared px-suite ConfigMap is checked below: each of its keys must be read by some service.
                if (name.startsWith("PX_") && !"px-suite".equals(value.configMap())) {
                    assertThat(allowed).as(variant + " " + service + " sets " + name + " (typo, or a variable it does not read)")
                            .contains(name);
                }
            });
        }
        r.configMap("px-suite").getData().keySet().stream().filter(k -> k.startsWith("PX_"))
                .forEach(k -> assertThat(readBySomeService).as("px-suite key " + k).contains(k));
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void credentialsComeFromSecretsOnly(String variant) {
        Rendered r = Rendered.of(variant);
        for (String service : Rendered.SERVICES) {
            ServiceConfigSource source = ServiceConfigSource.of(service);
            Map<String, Value> env = environment(r, service);
            env.forEach((name, value) -> {
                if (isSecret(name)) {
                    assertThat(value.fromSecret()).as(variant + " " + service + " " + name + " is a secretKeyRef").isTrue();
                }
            });
            // Every credential the service reads with a local default (PX_PG_USER/PASSWORD: postgres) is set.
            source.configured.values().stream().filter(v -> ServiceConfigSource.isCredential(v.name()))
                    .filter(v -> v.defaultValue().filter(d -> !d.isEmpty()).isPresent())
                    .forEach(v -> assertThat(env.get(v.name())).as(service + " " + v.name()).isNotNull()
                            .extracting(Value::fromSecret).isEqualTo(true));
        }
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void peerUrlsNameRenderedServicesAndPublicUrlsTheIngressHost(String variant) {
        Rendered r = Rendered.of(variant);
        String host = r.all(Ingress.class).get(0).getSpec().getRules().get(0).getHost();
        for (String service : Rendered.SERVICES) {
            environment(r, service).forEach((name, value) -> {
                if (value.value() == null) {
                    return;
                }
                Matcher peer = PEER_URL.matcher(value.value());
                if (peer.find()) {
                    Service target = r.named(Service.class, peer.group(1))
                            .orElseThrow(() -> new AssertionError(service + " " + name + ": no Service " + peer.group(1)));
                    assertThat(target.getSpec().getPorts()).as(service + " " + name)
                            .anyMatch(p -> p.getPort() == Integer.parseInt(peer.group(2)));
                }
                if (PUBLIC_URLS.contains(name)) {
                    assertThat(URI.create(value.value()).getHost()).as(variant + " " + service + " " + name).isEqualTo(host);
                }
            });
        }
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void containerPortIsTheServicesHttpPort(String variant) {
        Rendered r = Rendered.of(variant);
        for (String service : Rendered.SERVICES) {
            ServiceConfigSource source = ServiceConfigSource.of(service);
            Value set = environment(r, service).get("PX_HTTP_PORT");
            String port = set != null ? set.value() : source.configured.get("PX_HTTP_PORT").defaultValue().orElseThrow();
            Container c = r.workload(service).template().getSpec().getContainers().get(0);
            assertThat(c.getPorts()).as(service).anyMatch(p -> "http".equals(p.getName())
                    && p.getContainerPort() == Integer.parseInt(port));
        }
    }
}
