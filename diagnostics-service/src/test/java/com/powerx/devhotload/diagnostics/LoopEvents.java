package com.powerx.devhotload.diagnostics;

import com.powerx.devhotload.platform.security.ReloadTokenDigest;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.Alert;
import com.powerx.devhotload.contracts.payload.ReloadError;
import com.powerx.devhotload.contracts.payload.ReloadFailure;
import com.powerx.devhotload.contracts.payload.ReloadPhases;
import com.powerx.devhotload.contracts.payload.ReloadRequested;
import com.powerx.devhotload.contracts.payload.Reloaded;
import com.powerx.devhotload.contracts.payload.SessionLog;
import com.powerx.devhotload.contracts.payload.SessionRegistered;
import com.powerx.devhotload.devstack.DevStack;
import com.powerx.devhotload.devstack.EventProbe;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * What session-service, the orchestrator and telemetry-ingest publish, on the real topics: diagnostics' only
 * inputs besides its API, so the tests drive it there.
 */
public final class LoopEvents {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static EventProbe probe;

    private LoopEvents() {
    }

    public static synchronized EventProbe probe() {
        if (probe == null) {
            probe = EventProbe.open(DevStack.shared().kafka().bootstrapServers(), "plugin.debug.report", "plugin.debug.regression");
        }
        return probe;
    }

    public static void publish(CloudEvent... events) {
        probe().publishAll(List.of(events));
    }

    public static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256(String token) {
        return ReloadTokenDigest.sha256Hex(token);
    }

    /** A live node session; returns its reload token. */
    public static String register(String tenant, String plugin, String sessionId) {
        String token = newToken();
        publish(CloudEvent.create(EventSources.SESSION_SERVICE, EventTypes.SESSION_REGISTERED, sessionId, tenant, plugin, sessionId,
                new SessionRegistered(sessionId, tenant, "dev-1", plugin, "1.4.2", "node", "index.mjs", List.of(), "sha256:" + "a1".repeat(32),
                        null, sha256(token), Instant.now().plus(1, ChronoUnit.HOURS), List.of(), "active")));
        return token;
    }

    public static CloudEvent requested(String tenant, String plugin, String sessionId, long sequence) {
        return CloudEvent.create(EventSources.SESSION_SERVICE, EventTypes.RELOAD_REQUESTED, sessionId, tenant, plugin, sessionId,
                new ReloadRequested(sessionId, sequence, UUID.randomUUID().toString(), "diff", null, List.of("index.mjs"), null, null, Instant.now(),
                        "dev-1", null));
    }

    public static CloudEvent rolledBack(String tenant, String plugin, String sessionId, long sequence, String message, String stack) {
        return CloudEvent.create(EventSources.SANDBOX_ORCHESTRATOR, EventTypes.ROLLED_BACK, sessionId, tenant, plugin, sessionId,
                new ReloadFailure(sequence, new ReloadError(message, stack, "init"), 21L, sequence - 1, null));
    }

    public static CloudEvent reloaded(String tenant, String plugin, String sessionId, long sequence) {
        return CloudEvent.create(EventSources.SANDBOX_ORCHESTRATOR, EventTypes.RELOADED, sessionId, tenant, plugin, sessionId,
                new Reloaded(sequence, 40L, new ReloadPhases(1L, 1L, 30L, 5L, 1L, 2L), List.of("index.mjs"), "sha256:" + "b2".repeat(32), null));
    }

    public static CloudEvent log(String tenant, String plugin, String sessionId, String level, String message) {
        return CloudEvent.create(EventSources.SANDBOX_ORCHESTRATOR, EventTypes.SESSION_LOG, sessionId, tenant, plugin, sessionId,
                new SessionLog(Instant.now(), level, "console", message, null, null));
    }

    public static CloudEvent alert(String tenant, String plugin, String sessionId, String alertId, String severity, int count) {
        Instant now = Instant.now();
        return CloudEvent.create(EventSources.TELEMETRY_INGEST, EventTypes.ALERT_RAISED, sessionId, tenant, plugin, sessionId,
                new Alert(alertId, "reload-failure-streak", severity, sessionId, plugin, tenant, count, now.minusSeconds(30), now,
                        count + " reloads failed in a row"));
    }

    /** A realistic V8 stack of a plugin whose setup throws, from a per-reload bundle directory. */
    public static String nodeStack(String dir, int line) {
        return "TypeError: Cannot read properties of undefined (reading 'url')\n"
                + "    at connect (file:///tmp/px-sandbox-" + dir + "/bundle/src/db.mjs:" + line + ":17)\n"
                + "    at setup (file:///tmp/px-sandbox-" + dir + "/bundle/index.mjs:" + (line + 3) + ":9)\n"
                + "    at loadPlugin (file:///opt/px/harness/plugin-worker.mjs:212:11)\n"
                + "    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)";
    }
}
