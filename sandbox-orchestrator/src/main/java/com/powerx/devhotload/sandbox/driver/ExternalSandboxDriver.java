package com.powerx.devhotload.sandbox.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.sandbox.config.SandboxConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * {@code external} sessions run on the developer's machine: no process. With a {@code sandboxEndpoint} it is probed
 * (any HTTP answer counts as reachable); reloads are reported {@code reloaded} once it answers, at once without one.
 */
@ApplicationScoped
public class ExternalSandboxDriver implements SandboxDriver {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final SandboxConfig config;

    public ExternalSandboxDriver(SandboxConfig config) {
        this.config = config;
    }

    @Override
    public boolean handles(String runtime) {
        return "external".equals(runtime);
    }

    @Override
    public RunningSandbox start(SandboxSpec spec, SandboxListener listener) throws SandboxStartException {
        long started = System.nanoTime();
        if (spec.sandboxEndpoint() != null && !probe(spec.sandboxEndpoint())) {
            throw new SandboxStartException("sandbox endpoint " + spec.sandboxEndpoint() + " is unreachable", "start", "");
        }
        ObjectNode load = JsonNodeFactory.instance.objectNode().put("result", "loaded").put("sequence", spec.sequence())
                .put("durationMs", (System.nanoTime() - started) / 1_000_000);
        return new ExternalSandbox(spec.sandboxEndpoint(), load, config.hookTimeoutMs());
    }

    static boolean probe(String endpoint) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(3)).GET().build();
            HTTP.send(request, HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private record ExternalSandbox(String endpoint, JsonNode loadResult, int waitMs) implements RunningSandbox {

        @Override
        public CompletableFuture<JsonNode> reload(Path dir, String entry, long sequence) {
            return CompletableFuture.supplyAsync(() -> {
                long started = System.nanoTime();
                long deadline = System.currentTimeMillis() + waitMs;
                while (endpoint != null && !probe(endpoint)) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new HarnessError(JsonNodeFactory.instance.objectNode()
                                .put("message", "sandbox endpoint " + endpoint + " did not answer within " + waitMs + " ms")
                                .put("stack", "").put("phase", "load").put("code", "UNREACHABLE"));
                    }
                    sleep();
                }
                return JsonNodeFactory.instance.objectNode().put("result", "reloaded").put("sequence", sequence)
                        .put("durationMs", (System.nanoTime() - started) / 1_000_000);
            });
        }

        private static void sleep() {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public CompletableFuture<JsonNode> invoke(String handler, JsonNode payload, int timeoutMs) {
            return CompletableFuture.failedFuture(new IllegalStateException("external sandboxes run on the developer's machine"));
        }

        @Override
        public CompletableFuture<JsonNode> getState() {
            return CompletableFuture.completedFuture(JsonNodeFactory.instance.objectNode().putNull("state"));
        }

        @Override
        public CompletableFuture<JsonNode> ping() {
            return CompletableFuture.completedFuture(JsonNodeFactory.instance.objectNode());
        }

        @Override
        public boolean invocable() {
            return false;
        }

        @Override
        public void stop() {
            // nothing runs here
        }

        @Override
        public boolean isAlive() {
            return true;
        }

        @Override
        public long pid() {
            return -1;
        }
    }
}
