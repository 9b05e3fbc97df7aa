package com.powerx.devhotload.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.Bundles;
import com.powerx.devhotload.devstack.EventProbe;
import com.powerx.devhotload.devstack.LocalTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace per user action across the packaged suite (docs/tracing.md): a reload sent with a known W3C
 * {@code traceparent} keeps that trace id on the {@code dev.session.reload.requested} event session-service publishes,
 * on the {@code dev.session.reloaded} event the orchestrator publishes once it applied it, and on the SSE frames
 * stream-gateway sends for both; a registration's trace likewise reaches {@code registered} and {@code sandbox.ready}.
 * Each hop is a span of its own (a new span id under the same trace id).
 * <p>
 * Spans are not checked here: the suite runs without an OTLP endpoint, so nothing is exported; the test checks that no
 * service tried (a default exporter would log a failure to reach localhost:4317 every few seconds).
 */
class TracingIT {

    private static final Path PLUGINS = Path.of("..", "examples", "plugins").toAbsolutePath().normalize();
    private static final Path SERVICE_LOGS = Path.of(System.getProperty("px.repo.root", "..")).resolve("e2e/target/service-logs");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static Suite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = Suite.get();
    }

    @Test
    void aReloadsTraceIdFollowsItFromTheDevApiThroughItsEventsToTheSseFrames() throws Exception {
        String tenant = "trace-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = LocalTokens.forTests().mint(tenant, "dev-ann", List.of("admin.devHotload.manage"));
        String plugin = "com.acme.traced";
        String registerTrace = newTraceId();
        String reloadTrace = newTraceId();
        String reloadCall = traceparent(reloadTrace);

        List<SuiteCalls.Frame> frames = new CopyOnWriteArrayList<>();
        Thread stream = SuiteCalls.watch(suite.url("stream-gateway", "/internal/dev/plugins/stream?pluginId=" + plugin),
                SuiteCalls.bearer(admin), frames);
        try (EventProbe probe = EventProbe.open(suite.stack().kafka().bootstrapServers(), Topics.SESSION_LIFECYCLE,
                Topics.SESSION_SANDBOX)) {
            // Files first, so the registration itself starts the sandbox (after a later upload, that upload would be
            // the action that started it, and sandbox.ready would carry the upload's trace).
            Map<String, byte[]> v1 = Bundles.read(PLUGINS.resolve("counter-node"));
            DevLoop.upload(suite, admin, v1);
            JsonNode registered = SuiteCalls.expect(201, suite, "session-service", "POST", "/internal/dev/plugins/register",
                    traced(SuiteCalls.bearer(admin), traceparent(registerTrace)), DevLoop.registerBody(plugin, "node", "index.mjs", v1));
            String sessionId = registered.at("/data/sessionId").asText();
            String token = registered.at("/data/reloadToken").asText();
            assertThat(registered.at("/data/missingBlobs")).isEmpty();
            DevLoop.awaitSandbox(suite, "sandbox-orchestrator", admin, sessionId, "ready", Duration.ofSeconds(60));

            assertThat(traceId(event(probe, EventTypes.SESSION_REGISTERED, sessionId))).isEqualTo(registerTrace);
            assertThat(traceId(event(probe, EventTypes.SANDBOX_READY, sessionId))).isEqualTo(registerTrace);

            Map<String, byte[]> v2 = Bundles.read(PLUGINS.resolve("counter-node-v2"));
            DevLoop.upload(suite, admin, v2);
            JsonNode reload = SuiteCalls.expect(200, suite, "session-service", "POST", "/internal/dev/plugins/reload?wait=30",
                    Map.of("traceparent", reloadCall), DevLoop.reloadBody(sessionId, token, v2));
            assertThat(reload.at("/data/outcome/result").asText()).isEqualTo("reloaded");

            CloudEvent requested = event(probe, EventTypes.RELOAD_REQUESTED, sessionId);
            CloudEvent reloaded = event(probe, EventTypes.RELOADED, sessionId);
            assertThat(traceId(requested)).isEqualTo(reloadTrace);
            assertThat(traceId(reloaded)).isEqualTo(reloadTrace);
            // Each service adds its own span under the caller's: session-service's, then the orchestrator's.
            assertThat(List.of(reloadCall, requested.traceparent(), reloaded.traceparent())).doesNotHaveDuplicates();

            JsonNode requestedFrame = frame(frames, EventTypes.RELOAD_REQUESTED, sessionId);
            JsonNode reloadedFrame = frame(frames, EventTypes.RELOADED, sessionId);
            assertThat(requestedFrame.path("traceparent").asText()).isEqualTo(requested.traceparent());
            assertThat(reloadedFrame.path("traceparent").asText()).isEqualTo(reloaded.traceparent());
            assertThat(reloadedFrame.path("id").asText()).isEqualTo(reloaded.id());
            assertThat(traceId(frame(frames, EventTypes.SANDBOX_READY, sessionId).path("traceparent").asText()))
                    .isEqualTo(registerTrace);

            SuiteCalls.expect(200, suite, "session-service", "DELETE", "/internal/dev/plugins/sessions/" + sessionId,
                    SuiteCalls.bearer(admin), null);
        } finally {
            stream.interrupt();
        }
        assertNoExportAttempts();
    }

    /**
     * Without PX_OTEL_ENDPOINT no service may try to export: a default exporter would send its first batch to
     * localhost:4317 within the batch delay (5 s) of the spans above, and log the failure.
     */
    private static void assertNoExportAttempts() throws Exception {
        Thread.sleep(6_000);
        for (String service : Suite.SERVICES) {
            Path log = SERVICE_LOGS.resolve(service + ".log");
            if (Files.exists(log)) {
                try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
                    assertThat(lines.filter(line -> line.contains("Failed to export")).findFirst()).as(log.toString()).isEmpty();
                }
            }
        }
    }

    private static CloudEvent event(EventProbe probe, String type, String sessionId) {
        List<CloudEvent> events = probe.await(EventProbe.of(type, sessionId), 1, WAIT);
        assertThat(events).as(type + " of " + sessionId).isNotEmpty();
        return events.getFirst();
    }

    private static JsonNode frame(List<SuiteCalls.Frame> frames, String type, String sessionId) throws InterruptedException {
        return SuiteCalls.await(frames, f -> type.equals(f.event()) && sessionId.equals(f.data().path("sessionId").asText()), 1, WAIT)
                .getFirst().data();
    }

    private static Map<String, String> traced(Map<String, String> headers, String traceparent) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("traceparent", traceparent);
        return all;
    }

    /** A sampled W3C traceparent of a new trace, as a traced client (a CLI, a browser) would send it. */
    private static String traceparent(String traceId) {
        return "00-" + traceId + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16) + "-01";
    }

    private static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String traceId(CloudEvent event) {
        return traceId(event.traceparent());
    }

    /** The trace id of {@code 00-<trace id>-<span id>-<flags>}, or null. */
    private static String traceId(String traceparent) {
        return traceparent == null || traceparent.length() < 35 ? null : traceparent.substring(3, 35);
    }
}
