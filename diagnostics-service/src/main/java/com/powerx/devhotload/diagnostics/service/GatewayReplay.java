package com.powerx.devhotload.diagnostics.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.JsonText;
import com.powerx.devhotload.diagnostics.config.DiagnosticsConfig;
import com.powerx.devhotload.diagnostics.domain.EvidenceEvent;
import com.powerx.devhotload.diagnostics.domain.ReportTask;
import com.powerx.devhotload.diagnostics.mapping.EvidenceRecords;
import com.powerx.devhotload.masking.MaskingEngine;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The fallback channel: when the evidence store has a hole in a report's window (the service was down or is behind),
 * the window's events are read from stream-gateway's replay (its SSE API, from an id just before the window, with the
 * service's admin credentials) and added to the report, which says that the fallback was used and how many events it
 * gave. Events the store already has are skipped by id; every event is masked like stored evidence.
 */
@ApplicationScoped
public class GatewayReplay {

    /** Longest the replay is read for; it is a fallback and must not hold a report past its P5 budget for long. */
    private static final Duration BUDGET = Duration.ofSeconds(5);
    /** The replay is over once no frame came for this long (the stream has switched to live). */
    private static final long IDLE_MILLIS = 400;
    private static final String END = new String("end of stream");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final DiagnosticsConfig config;
    private final MaskingEngine engine;

    public GatewayReplay(DiagnosticsConfig config, MaskingEngine engine) {
        this.config = config;
        this.engine = engine;
    }

    /** Adds the window's events the store lacks to {@code events}; returns how many it added. */
    public int fill(ReportTask task, List<EvidenceEvent> events) {
        Set<String> known = new HashSet<>();
        events.forEach(e -> known.add(e.eventId()));
        try {
            HttpResponse<InputStream> response = http.send(request(task), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                Log.warnf("fallback replay for report %s: stream-gateway answered %d", task.reportId(), response.statusCode());
                response.body().close();
                return 0;
            }
            return readReplay(task, response.body(), known, events);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Log.warnf("fallback replay for report %s failed: %s", task.reportId(), e.getMessage());
            return 0;
        }
    }

    /** The session's stream from an id a minute before the window (ids are the gateway's append times). */
    private HttpRequest request(ReportTask task) {
        long fromId = task.window().from().toEpochMilli() - 60_000;
        String url = config.gatewayUrl() + "/internal/dev/plugins/stream?sessionId=" + enc(task.sessionId()) + "&tenantId="
                + enc(task.tenantId()) + "&last_event_id=" + Math.max(0, fromId) + "-0";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(BUDGET).header("Accept", "text/event-stream");
        config.serviceToken().filter(t -> !t.isBlank()).ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return request.GET().build();
    }

    /** Frames are read on their own thread so that the end of the replay can be told by a pause. */
    private int readReplay(ReportTask task, InputStream body, Set<String> known, List<EvidenceEvent> events) throws InterruptedException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> readLines(body, lines));
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int added = 0;
        try {
            long seq = 0;
            for (String line = lines.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS); line != null && line != END && System.nanoTime() < deadline;
                 line = lines.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS)) {
                if (line.startsWith("data: ")) {
                    EvidenceEvent e = event(JsonText.tree(line.substring(6)), seq++);
                    if (e != null && known.add(e.eventId()) && inWindow(e.eventTime(), task)) {
                        events.add(e);
                        added++;
                    }
                }
            }
        } finally {
            closeQuietly(body);
            reader.interrupt();
        }
        return added;
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (Exception ignored) {
            // the replay is over either way
        }
    }

    private static void readLines(InputStream body, BlockingQueue<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (Exception closed) {
            // closed by fill() once it has what it needs
        } finally {
            lines.add(END);
        }
    }

    private EvidenceEvent event(JsonNode frame, long seq) {
        if (!frame.hasNonNull("type") || !frame.hasNonNull("id")) {
            return null;
        }
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, frame.get("id").asText(), "/stream-gateway", frame.get("type").asText(),
                null, frame.path("time").asText(null), CloudEvent.DATA_CONTENT_TYPE, frame.path("tenantId").asText(null),
                frame.path("pluginId").asText(null), frame.path("sessionId").asText(null), null, frame.path("payload"));
        return EvidenceRecords.of(event, "stream-gateway replay", seq, Instant.now(), engine);
    }

    private static boolean inWindow(Instant t, ReportTask task) {
        return !t.isBefore(task.window().from()) && !t.isAfter(task.window().to());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
