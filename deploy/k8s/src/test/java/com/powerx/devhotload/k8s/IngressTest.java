package com.powerx.devhotload.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** One host routes every public path to the service that serves it, resolved as the Ingress spec says. */
class IngressTest {

    static final List<String> VARIANTS = Rendered.VARIANTS;

    /** Request path → the service that must answer it ("none": not exposed). */
    static final Map<String, String> ROUTES = new LinkedHashMap<>();

    static {
        ROUTES.put("/internal/dev/plugins/register", "session-service");
        ROUTES.put("/internal/dev/plugins/register/0b6c", "session-service");
        ROUTES.put("/internal/dev/plugins/reload", "session-service");
        ROUTES.put("/internal/dev/plugins/blobs/missing", "session-service");
        ROUTES.put("/internal/dev/plugins/sessions/0b6c/heartbeat", "session-service");
        ROUTES.put("/internal/dev/plugins/0b6c", "session-service");
        ROUTES.put("/internal/dev/plugins/stream", "stream-gateway");
        ROUTES.put("/internal/dev/plugins/streams", "session-service"); // a session id, not the stream
        ROUTES.put("/api/admin/dev-hotload/sessions", "session-service");
        ROUTES.put("/api/admin/dev-hotload/sessions/0b6c/terminate", "session-service");
        ROUTES.put("/api/admin/dev-hotload/audit", "session-service");
        ROUTES.put("/api/admin/dev-hotload/stream", "stream-gateway");
        ROUTES.put("/internal/admin/graphql", "session-service");
        ROUTES.put("/api/v1/dev/0b6c/logs", "stream-gateway");
        ROUTES.put("/console", "stream-gateway");
        ROUTES.put("/console/", "stream-gateway");
        ROUTES.put("/console/api/session/api/admin/dev-hotload/sessions", "stream-gateway");
        ROUTES.put("/internal/dev/telemetry", "telemetry-ingest");
        ROUTES.put("/api/telemetry/summary", "telemetry-ingest");
        ROUTES.put("/api/telemetry/alerts", "telemetry-ingest");
        ROUTES.put("/internal/debug/report", "diagnostics-service");
        ROUTES.put("/internal/debug/report/0b6c/bundle", "diagnostics-service");
        ROUTES.put("/internal/debug/logs/export", "diagnostics-service");
        ROUTES.put("/internal/debug/regression/run", "diagnostics-service");
        ROUTES.put("/internal/ticket/tickets", "ticket-bridge");
        ROUTES.put("/internal/ticket/webhook/jira", "ticket-bridge");
        // Not public: health, metrics and OpenAPI of any service; the orchestrator's sandbox API.
        ROUTES.put("/q/health/ready", "none");
        ROUTES.put("/q/metrics", "none");
        ROUTES.put("/internal/dev/sandboxes/0b6c/invoke", "none");
        ROUTES.put("/", "none");
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void eachPublicPathReachesItsService(String variant) {
        Rendered r = Rendered.of(variant);
        List<HTTPIngressPath> paths = paths(r);
        ROUTES.forEach((path, service) -> assertThat(route(paths, path).orElse("none")).as(variant + " " + path)
                .isEqualTo(service));
    }

    /** Every resource root the services declare in their code is routed to that service (none forgotten). */
    @ParameterizedTest
    @FieldSource("VARIANTS")
    void everyPathTheServicesServeIsRoutedToThem(String variant) {
        List<HTTPIngressPath> paths = paths(Rendered.of(variant));
        Map<String, String> served = servedRoots();
        assertThat(served).as("derived from the services' sources").hasSizeGreaterThan(10);
        served.forEach((path, service) -> {
            String expected = service.equals("sandbox-orchestrator") ? "none" : service;
            assertThat(route(paths, path).orElse("none")).as(path + " served by " + service).isEqualTo(expected);
        });
    }

    @ParameterizedTest
    @FieldSource("VARIANTS")
    void oneHostWithTlsAndStreamingFriendlyProxying(String variant) {
        Rendered r = Rendered.of(variant);
        Ingress ingress = r.all(Ingress.class).get(0);
        assertThat(r.all(Ingress.class)).hasSize(1);
        assertThat(ingress.getSpec().getRules()).hasSize(1);
        assertThat(ingress.getSpec().getTls()).singleElement()
                .satisfies(tls -> assertThat(tls.getHosts()).containsExactly(ingress.getSpec().getRules().get(0).getHost()));
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off");
        for (HTTPIngressPath p : paths(r)) {
            Service svc = r.named(Service.class, p.getBackend().getService().getName()).orElseThrow();
            assertThat(svc.getSpec().getPorts()).as(p.getPath())
                    .anyMatch(port -> port.getName().equals(p.getBackend().getService().getPort().getName()));
        }
    }

    /** Ingress semantics: an Exact match first, else the longest Prefix matching whole path elements. */
    static Optional<String> route(List<HTTPIngressPath> paths, String request) {
        Optional<HTTPIngressPath> exact = paths.stream()
                .filter(p -> p.getPathType().equals("Exact") && p.getPath().equals(request)).findFirst();
        Optional<HTTPIngressPath> chosen = exact.or(() -> paths.stream()
                .filter(p -> p.getPathType().equals("Prefix") && prefixMatches(p.getPath(), request))
                .max(Comparator.comparingInt(p -> p.getPath().length())));
        return chosen.map(p -> p.getBackend().getService().getName());
    }

    private static boolean prefixMatches(String prefix, String request) {
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return p.isEmpty() || request.equals(p) || request.startsWith(p + "/");
    }

    private static List<HTTPIngressPath> paths(Rendered r) {
        List<HTTPIngressPath> out = new ArrayList<>();
        r.all(Ingress.class).forEach(i -> i.getSpec().getRules().forEach(rule -> out.addAll(rule.getHttp().getPaths())));
        return out;
    }

    private static final Pattern CLASS_PATH = Pattern.compile("^@Path\\(\"(/[^\"]+)\"\\)\\s*$", Pattern.MULTILINE);
    private static final Pattern ROUTE_CONSTANT = Pattern.compile("static final String \\w+ = \"(/[^\"]+)\"");

    /** Class-level JAX-RS roots, and the Vert.x routes of the gateway, with sample values for path parameters. */
    static Map<String, String> servedRoots() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String service : Rendered.SERVICES) {
            for (Path file : javaFiles(Rendered.ROOT.resolve(service).resolve("src/main/java"))) {
                String text = read(file);
                Matcher m = CLASS_PATH.matcher(text);
                if (m.find()) {
                    out.put(m.group(1), service);
                }
                if (text.contains("@Observes Router")) {
                    Matcher c = ROUTE_CONSTANT.matcher(text);
                    while (c.find()) {
                        out.put(c.group(1).replaceAll(":\\w+", "0b6c").replaceAll("/$", "/x"), service);
                    }
                }
            }
        }
        return out;
    }

    private static List<Path> javaFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
