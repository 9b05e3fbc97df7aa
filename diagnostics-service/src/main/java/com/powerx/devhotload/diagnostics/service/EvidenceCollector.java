package com.powerx.devhotload.diagnostics.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.diagnostics.config.DiagnosticsConfig;
import com.powerx.devhotload.diagnostics.domain.Evidence;
import com.powerx.devhotload.diagnostics.domain.EvidenceEvent;
import com.powerx.devhotload.diagnostics.domain.ReportTask;
import com.powerx.devhotload.diagnostics.domain.SessionInfo;
import com.powerx.devhotload.diagnostics.repository.EvidenceRepository;
import com.powerx.devhotload.diagnostics.repository.SessionInfoRepository;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.TopicPartition;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The collecting step: waits for the store to hold what was published before the report began, then reads the
 * window (a session's, or a plugin's when the alert has no session), the session, and telemetry-ingest's figures.
 * Where the store is still behind, the window is completed from stream-gateway's replay ({@link GatewayReplay}).
 */
@ApplicationScoped
public class EvidenceCollector {

    private final Pool pool;
    private final EvidenceRepository evidence;
    private final SessionInfoRepository sessions;
    private final IngestProgress progress;
    private final GatewayReplay replay;
    private final PeerCalls peers;
    private final DiagnosticsConfig config;

    public EvidenceCollector(Pool pool, EvidenceRepository evidence, SessionInfoRepository sessions, IngestProgress progress,
                             GatewayReplay replay, PeerCalls peers, DiagnosticsConfig config) {
        this.pool = pool;
        this.evidence = evidence;
        this.sessions = sessions;
        this.progress = progress;
        this.replay = replay;
        this.peers = peers;
        this.config = config;
    }

    public Evidence collect(ReportTask task) {
        Map<TopicPartition, Long> behind = progress.awaitCaughtUp(config.evidenceWait());
        List<EvidenceEvent> events = new ArrayList<>(evidence.window(pool, task.tenantId(), task.pluginId(), task.sessionId(),
                task.window(), null, config.maxLines()).await().atMost(Duration.ofSeconds(30)));
        long dropped = 0;
        if (events.size() >= config.maxLines()) {
            long logs = evidence.countLogs(pool, task.tenantId(), task.pluginId(), task.sessionId(), task.window()).await().atMost(Duration.ofSeconds(30));
            dropped = Math.max(0, logs - events.stream().filter(e -> EventTypes.SESSION_LOG.equals(e.type())).count());
        }
        SessionInfo session = task.sessionId() == null ? null
                : sessions.find(pool, task.sessionId()).await().atMost(Duration.ofSeconds(10));
        int fallback = 0;
        if (!behind.isEmpty() && task.sessionId() != null) {
            fallback = replay.fill(task, events);
        }
        List<String> lagging = behind.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + " behind)").toList();
        return new Evidence(events, session, telemetry(task), dropped, lagging, fallback);
    }

    /** telemetry-ingest's summary for the session (or plugin) over the last hour; its absence is said, not hidden. */
    private JsonNode telemetry(ReportTask task) {
        String scope = task.sessionId() != null ? "sessionId=" + enc(task.sessionId()) : "pluginId=" + enc(task.pluginId());
        String url = config.telemetryUrl() + "/api/telemetry/summary?window=1h&tenantId=" + enc(task.tenantId()) + "&" + scope;
        try {
            PeerCalls.Answer a = peers.get(url, Duration.ofSeconds(2));
            if (a.ok() && a.body() != null && a.body().has("data")) {
                return a.body().get("data");
            }
            return JsonNodeFactory.instance.objectNode().put("unavailable", "telemetry-ingest answered " + a.status());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return JsonNodeFactory.instance.objectNode().put("unavailable", "telemetry-ingest unreachable");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
