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
 * The services export their spans over OTLP/HTTP to the suite's {@link OtlpReceiver}, so the test also follows the
 * trace through the spans themselves: session-service's server span is the caller's child, every span an event names
 * was exported by the service that published the event, and the trace is one tree rooted at the caller's span.
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
        String registerCall = traceparent(registerTrace);
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
                    traced(SuiteCalls.bearer(admin), registerCall), DevLoop.registerBody(plugin, "node", "index.mjs", v1));
            String sessionId = registered.at("/data/sessionId").asText();
            String token = registered.at("/data/reloadToken").asText();
            assertThat(registered.at("/data/missingBlobs")).isEmpty();
            DevLoop.awaitSandbox(suite, "sandbox-orchestrator", admin, sessionId, "ready", Duration.ofSeconds(60));

            CloudEvent registeredEvent = event(probe, EventTypes.SESSION_REGISTERED, sessionId);
            CloudEvent ready = event(probe, EventTypes.SANDBOX_READY, sessionId);
            assertThat(traceId(registeredEvent)).isEqualTo(registerTrace);
            assertThat(traceId(ready)).isEqualTo(registerTrace);
            assertExportedTree(registerTrace, spanId(registerCall), Map.of(registeredEvent, "session-service", ready, "sandbox-orchestrator"));

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
            assertExportedTree(reloadTrace, spanId(reloadCall), Map.of(requested, "session-service", reloaded, "sandbox-orchestrator"));

            SuiteCalls.expect(200, suite, "session-service", "DELETE", "/internal/dev/plugins/sessions/" + sessionId,
                    SuiteCalls.bearer(admin), null);
        } finally {
            stream.interrupt();
        }
        assertExportsAccepted();
    }

    /**
     * The spans of one trace, as the services exported them: session-service answered the call under a server span
     * whose parent is the caller's span; the span each event names was exported by the service that published the
     * event; and every span hangs from the caller's span or from another span of the trace (one tree, nothing lost
     * between HTTP, the outbox, Kafka and the session worker).
     */
    private static void assertExportedTree(String traceId, String callerSpan, Map<CloudEvent, String> publishedBy) throws Exception {
        OtlpReceiver receiver = suite.traces();
        List<OtlpReceiver.Span> spans = receiver.awaitTrace(traceId, found -> {
            Map<String, String> services = new HashMap<>();
            found.forEach(span -> services.put(span.spanId(), span.service()));
            return publishedBy.keySet().stream().allMatch(e -> services.containsKey(spanId(e.traceparent())))
                    && found.stream().allMatch(span -> span.parentSpanId().equals(callerSpan) || services.containsKey(span.parentSpanId()));
        }, WAIT);
        String shown = spans.stream().map(s -> s.service() + " " + s.name() + " " + s.spanId() + "<-" + s.parentSpanId()).toList().toString();

        assertThat(spans).as("session-service's server span under the caller's: " + shown)
                .anySatisfy(span -> {
                    assertThat(span.service()).isEqualTo("session-service");
                    assertThat(span.kind()).isEqualTo(OtlpReceiver.Span.SERVER);
                    assertThat(span.parentSpanId()).isEqualTo(callerSpan);
                });
        publishedBy.forEach((event, service) -> assertThat(spans).as(event.type() + "'s span exported by " + service + ": " + shown)
                .anySatisfy(span -> {
                    assertThat(span.spanId()).isEqualTo(spanId(event.traceparent()));
                    assertThat(span.service()).isEqualTo(service);
                }));
        List<String> ids = spans.stream().map(OtlpReceiver.Span::spanId).toList();
        assertThat(ids).as("span ids unique: " + shown).doesNotHaveDuplicates();
        assertThat(spans).as("one tree under the caller's span: " + shown)
                .allSatisfy(span -> assertThat(span.parentSpanId()).isIn(concat(ids, callerSpan)));
    }

    private static List<String> concat(List<String> ids, String one) {
        List<String> all = new java.util.ArrayList<>(ids);
        all.add(one);
        return all;
    }

    /** The spans reached the receiver as OTLP/HTTP protobuf, and no service logged a failed export. */
    private static void assertExportsAccepted() throws Exception {
        assertThat(suite.traces().requests()).isPositive();
        assertThat(suite.traces().undecodable()).as("export requests the receiver could not read").isZero();
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

    /** The span id of {@code 00-<trace id>-<span id>-<flags>}, or null. */
    private static String spanId(String traceparent) {
        return traceparent == null || traceparent.length() < 52 ? null : traceparent.substring(36, 52);
    }

    /** The trace id of {@code 00-<trace id>-<span id>-<flags>}, or null. */
    private static String traceId(String traceparent) {
        return traceparent == null || traceparent.length() < 35 ? null : traceparent.substring(3, 35);
    }
}
