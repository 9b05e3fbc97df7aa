package com.powerx.devhotload.contracts;

import com.powerx.devhotload.contracts.payload.Alert;
import com.powerx.devhotload.contracts.payload.AlertResolved;
import com.powerx.devhotload.contracts.payload.CliTelemetry;
import com.powerx.devhotload.contracts.payload.InvokeFailed;
import com.powerx.devhotload.contracts.payload.RegressionResult;
import com.powerx.devhotload.contracts.payload.ReloadFailure;
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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Which payload record each event type carries as its {@code data}. */
public final class PayloadTypes {

    private static final Map<String, Class<? extends EventPayload>> FIXED = fixedPayloads();

    private PayloadTypes() {
    }

    private static Map<String, Class<? extends EventPayload>> fixedPayloads() {
        Map<String, Class<? extends EventPayload>> types = new LinkedHashMap<>();
        types.put(EventTypes.SESSION_REGISTERED, SessionRegistered.class);
        types.put(EventTypes.RELOAD_REQUESTED, ReloadRequested.class);
        types.put(EventTypes.RELOAD_RECORDED, ReloadRecorded.class);
        types.put(EventTypes.SESSION_UPDATED, SessionUpdated.class);
        types.put(EventTypes.SESSION_TERMINATED, SessionTerminated.class);
        types.put(EventTypes.SESSION_EXPIRED, SessionExpired.class);
        types.put(EventTypes.SANDBOX_READY, SandboxReady.class);
        types.put(EventTypes.RELOADED, Reloaded.class);
        types.put(EventTypes.RELOAD_FAILED, ReloadFailure.class);
        types.put(EventTypes.ROLLED_BACK, ReloadFailure.class);
        types.put(EventTypes.SANDBOX_CRASHED, SandboxCrashed.class);
        types.put(EventTypes.SANDBOX_STOPPED, SandboxStopped.class);
        types.put(EventTypes.INVOKE_FAILED, InvokeFailed.class);
        types.put(EventTypes.SESSION_LOG, SessionLog.class);
        types.put(EventTypes.ALERT_RAISED, Alert.class);
        types.put(EventTypes.ALERT_RESOLVED, AlertResolved.class);
        types.put(EventTypes.REPORT_READY, ReportReady.class);
        types.put(EventTypes.REPORT_FAILED, ReportFailed.class);
        types.put(EventTypes.REGRESSION_PASSED, RegressionResult.class);
        types.put(EventTypes.REGRESSION_FAILED, RegressionResult.class);
        types.put(EventTypes.TICKET_CREATED, TicketEvent.class);
        types.put(EventTypes.TICKET_UPDATED, TicketEvent.class);
        types.put(EventTypes.TICKET_CLOSED, TicketEvent.class);
        types.put(EventTypes.TICKET_REOPENED, TicketEvent.class);
        return Collections.unmodifiableMap(types);
    }

    /** The payload record of {@code eventType}; {@link IllegalArgumentException} for an unknown type. */
    public static Class<? extends EventPayload> of(String eventType) {
        return find(eventType)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type '" + eventType + "'"));
    }

    /** The payload record of {@code eventType}, or empty for an unknown type. */
    public static Optional<Class<? extends EventPayload>> find(String eventType) {
        if (eventType == null) {
            return Optional.empty();
        }
        if (EventTypes.isCliMetric(eventType)) {
            return Optional.of(CliTelemetry.class);
        }
        return Optional.ofNullable(FIXED.get(eventType));
    }

    /** The payload record of every fixed-name type, in contract order (the CLI family maps to {@link CliTelemetry}). */
    public static Map<String, Class<? extends EventPayload>> fixed() {
        return FIXED;
    }
}
