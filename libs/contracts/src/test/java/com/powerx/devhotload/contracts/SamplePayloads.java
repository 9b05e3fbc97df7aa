package com.powerx.devhotload.contracts;

import com.powerx.devhotload.contracts.payload.Alert;
import com.powerx.devhotload.contracts.payload.AlertResolved;
import com.powerx.devhotload.contracts.payload.BuildDiagnostic;
import com.powerx.devhotload.contracts.payload.CliTelemetry;
import com.powerx.devhotload.contracts.payload.FileRef;
import com.powerx.devhotload.contracts.payload.InvokeError;
import com.powerx.devhotload.contracts.payload.InvokeFailed;
import com.powerx.devhotload.contracts.payload.RegressionResult;
import com.powerx.devhotload.contracts.payload.ReloadError;
import com.powerx.devhotload.contracts.payload.ReloadFailure;
import com.powerx.devhotload.contracts.payload.ReloadPhases;
import com.powerx.devhotload.contracts.payload.ReloadRecorded;
import com.powerx.devhotload.contracts.payload.ReloadRequested;
import com.powerx.devhotload.contracts.payload.Reloaded;
import com.powerx.devhotload.contracts.payload.ReportFailed;
import com.powerx.devhotload.contracts.payload.ReportReady;
import com.powerx.devhotload.contracts.payload.SandboxCrashed;
import com.powerx.devhotload.contracts.payload.SandboxReady;
import com.powerx.devhotload.contracts.payload.SandboxStopped;
import com.powerx.devhotload.contracts.payload.SessionExpired;
import com.powerx.devhotload.contracts.payload.SessionLog;
import com.powerx.devhotload.contracts.payload.SessionRegistered;
import com.powerx.devhotload.contracts.payload.SessionTerminated;
import com.powerx.devhotload.contracts.payload.SessionUpdated;
import com.powerx.devhotload.contracts.payload.TicketEvent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One fully populated payload per event type, so round trips exercise every field. */
final class SamplePayloads {

    static final String SESSION_ID = "4b1f6c2e-8a0d-4e55-9a51-0c6f0f3e2a11";
    static final String TENANT_ID = "acme";
    static final String PLUGIN_ID = "com.acme.counter";
    static final String CLI_TYPE = EventTypes.CLI_BUILD_TIME_MS;

    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "b".repeat(64);
    // Nanosecond precision on purpose: payload times must survive a round trip exactly.
    private static final Instant T0 = Instant.parse("2026-11-22T23:11:46.123456789Z");
    private static final Instant T1 = Instant.parse("2026-11-22T23:26:46Z");
    private static final List<FileRef> FILES = List.of(new FileRef("index.mjs", SHA_A, 812L),
            new FileRef("lib/state.mjs", SHA_B, 64L));

    private SamplePayloads() {
    }

    /** Event type → sample, covering every fixed type and one CLI metric type. */
    static Map<String, EventPayload> all() {
        Map<String, EventPayload> samples = new LinkedHashMap<>();
        samples.put(EventTypes.SESSION_REGISTERED, new SessionRegistered(SESSION_ID, TENANT_ID, "dev-42", PLUGIN_ID,
                "1.0.0", "node", "index.mjs", FILES, "sha256:" + SHA_A, "http://127.0.0.1:9000", SHA_B, T1,
                List.of(SHA_B), "pending", Map.of("API_URL", "https://api.example.test")));
        samples.put(EventTypes.RELOAD_REQUESTED, new ReloadRequested(SESSION_ID, 7L, "reload-7", "diff", FILES,
                List.of("index.mjs"), "sha256:" + SHA_B, 12L, T0, "dev-42", "manual"));
        samples.put(EventTypes.RELOAD_RECORDED, new ReloadRecorded(SESSION_ID, 8L, "reload-8", false, "build failed",
                List.of(new BuildDiagnostic("error", "Cannot find name 'x'", "src/a.ts", 3, 5, "TS2304")), 120L,
                "sha256:" + SHA_B, 13L));
        samples.put(EventTypes.SESSION_UPDATED, new SessionUpdated(SESSION_ID, "active", "ready", List.of(), FILES, T1,
                SHA_A, "none", "files-complete"));
        samples.put(EventTypes.SESSION_TERMINATED, new SessionTerminated(SESSION_ID, "takeover", "new laptop",
                "dev-42", T1));
        samples.put(EventTypes.SESSION_EXPIRED, new SessionExpired(SESSION_ID, T0, T1));
        samples.put(EventTypes.SANDBOX_READY, new SandboxReady(SESSION_ID, "python", 1L, 850L, 0));
        samples.put(EventTypes.RELOADED, new Reloaded(7L, 48L, new ReloadPhases(1L, 2L, 30L, 5L, 1L, 9L),
                List.of("index.mjs"), "sha256:" + SHA_B, List.of(5L, 6L)));
        samples.put(EventTypes.RELOAD_FAILED, new ReloadFailure(9L,
                new ReloadError("SyntaxError: Unexpected token", "at index.mjs:3:5", "load"), 20L, 8L, List.of()));
        samples.put(EventTypes.ROLLED_BACK, new ReloadFailure(10L,
                new ReloadError("setup threw", "at setup (index.mjs:9)", "init"), 31L, 8L, List.of(9L)));
        samples.put(EventTypes.SANDBOX_CRASHED, new SandboxCrashed(137, "SIGKILL", 2, true, "out of memory", 2000L));
        samples.put(EventTypes.SANDBOX_STOPPED, new SandboxStopped("session-terminated", "none"));
        samples.put(EventTypes.INVOKE_FAILED, new InvokeFailed("increment",
                EventCodec.mapper().createObjectNode().put("by", 2).put("password", "****"),
                new InvokeError("boom: bad input", "Error: boom: bad input\n    at increment (index.mjs:31:11)",
                        "HANDLER_ERROR"), 12L, 7L, false, false));
        samples.put(EventTypes.SESSION_LOG, new SessionLog(T0, "warn", "stderr", "2431 lines suppressed", 7L,
                2431L));
        samples.put(EventTypes.ALERT_RAISED, new Alert("alert-1", "reload-failure-streak", "critical", SESSION_ID,
                PLUGIN_ID, TENANT_ID, 5L, T0, T1, "5 consecutive failed reloads"));
        samples.put(EventTypes.ALERT_RESOLVED, new AlertResolved("alert-1", "reload-failure-streak", SESSION_ID,
                PLUGIN_ID));
        samples.put(EventTypes.REPORT_READY, new ReportReady("report-1", PLUGIN_ID, SESSION_ID, "fp-123", "critical",
                "TypeError in increment", "Fails since reload 7",
                "http://127.0.0.1:8084/internal/debug/report/report-1", "alert-1", 7L, "sha256:abc"));
        samples.put(EventTypes.REPORT_FAILED, new ReportFailed("report-2", "masking-violation", PLUGIN_ID,
                SESSION_ID));
        samples.put(EventTypes.REGRESSION_PASSED, new RegressionResult("report-1", "run-1", true, "3/3 passed",
                "fp-123", PLUGIN_ID, SESSION_ID, 8L, "sha256:def"));
        samples.put(EventTypes.REGRESSION_FAILED, new RegressionResult("report-1", "run-2", false,
                "increment threw TypeError", "fp-123", PLUGIN_ID, SESSION_ID, 8L, "sha256:def"));
        for (String type : List.of(EventTypes.TICKET_CREATED, EventTypes.TICKET_UPDATED, EventTypes.TICKET_CLOSED,
                EventTypes.TICKET_REOPENED)) {
            samples.put(type, new TicketEvent("ticket-1", "jira", "PX-123", "https://acme.atlassian.net/browse/PX-123",
                    "fp-123", type.substring(type.lastIndexOf('.') + 1), List.of("report-1"), PLUGIN_ID));
        }
        samples.put(CLI_TYPE, new CliTelemetry("dev.hotload.cli_build_time_ms", T0, SESSION_ID, PLUGIN_ID, 312.5,
                Map.of("cliVersion", "1.12.0")));
        return samples;
    }

    /** The sample as an event from its producer, with every extension attribute set. */
    static CloudEvent event(String type, EventPayload payload) {
        return CloudEvent.create(EventSources.SESSION_SERVICE, type, SESSION_ID, TENANT_ID, PLUGIN_ID, SESSION_ID,
                payload).withTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }
}
