package com.powerx.devhotload.ticket;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.Alert;
import com.powerx.devhotload.contracts.payload.AlertResolved;
import com.powerx.devhotload.contracts.payload.RegressionResult;
import com.powerx.devhotload.contracts.payload.ReportReady;
import com.powerx.devhotload.devstack.DevStack;
import com.powerx.devhotload.devstack.EventProbe;

import java.time.Instant;
import java.util.List;

/** What diagnostics-service and telemetry-ingest publish, on the real topics: the bridge's inputs besides its API. */
public final class DebugEvents {

    private static EventProbe probe;

    private DebugEvents() {
    }

    /** Collects {@code plugin.debug.ticket.*} from the first use on. */
    public static synchronized EventProbe probe() {
        if (probe == null) {
            probe = EventProbe.open(DevStack.shared().kafka().bootstrapServers(), "plugin.debug.ticket");
        }
        return probe;
    }

    public static void publish(CloudEvent... events) {
        probe().publishAll(List.of(events));
    }

    public static CloudEvent report(String tenant, String plugin, String session, String reportId, String fingerprint, Long sequence,
                                    String build) {
        return CloudEvent.create(EventSources.DIAGNOSTICS_SERVICE, EventTypes.REPORT_READY, reportId, tenant, plugin, session,
                new ReportReady(reportId, plugin, session, fingerprint, "critical", "TypeError in increment", "Fails since reload " + sequence,
                        "http://127.0.0.1:8084/internal/debug/report/" + reportId, null, sequence, build));
    }

    public static CloudEvent regression(String tenant, String plugin, String session, String reportId, String runId, String fingerprint,
                                        boolean passed, Long sequence, String build) {
        return CloudEvent.create(EventSources.DIAGNOSTICS_SERVICE, passed ? EventTypes.REGRESSION_PASSED : EventTypes.REGRESSION_FAILED,
                runId, tenant, plugin, session, new RegressionResult(reportId, runId, passed, passed ? "handler returned 200" : "still throws",
                        fingerprint, plugin, session, sequence, build));
    }

    public static CloudEvent alert(String tenant, String plugin, String alertId, String severity, long count) {
        Instant now = Instant.now();
        return CloudEvent.create(EventSources.TELEMETRY_INGEST, EventTypes.ALERT_RAISED, alertId, tenant, plugin, null,
                new Alert(alertId, "reload-failure-streak", severity, null, plugin, tenant, count, now.minusSeconds(30), now,
                        count + " reloads failed in a row"));
    }

    public static CloudEvent resolved(String tenant, String plugin, String alertId) {
        return CloudEvent.create(EventSources.TELEMETRY_INGEST, EventTypes.ALERT_RESOLVED, alertId, tenant, plugin, null,
                new AlertResolved(alertId, "reload-failure-streak", null, plugin));
    }
}
