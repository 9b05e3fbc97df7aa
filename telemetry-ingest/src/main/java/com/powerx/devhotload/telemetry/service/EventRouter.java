package com.powerx.devhotload.telemetry.service;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.CliTelemetry;
import com.powerx.devhotload.contracts.payload.ReloadFailure;
import com.powerx.devhotload.contracts.payload.ReloadRecorded;
import com.powerx.devhotload.contracts.payload.Reloaded;
import com.powerx.devhotload.contracts.payload.SandboxCrashed;
import com.powerx.devhotload.telemetry.domain.Subject;
import com.powerx.devhotload.telemetry.domain.TelemetryName;
import com.powerx.devhotload.telemetry.repository.SessionDirectory;
import com.powerx.devhotload.telemetry.repository.SessionDirectory.KnownSession;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * The idempotent handler of every consumed event: routes it to the session directory, the rollups, the meters and the
 * alert rules. Called once per event id, one event at a time; its writes are committed with the event's "seen" mark.
 */
@ApplicationScoped
public class EventRouter {

    private final SessionTracker tracker;
    private final SessionDirectory sessions;
    private final Rollups rollups;
    private final TelemetryMeters meters;
    private final ReloadStreakRule streaks;
    private final CrashLoopRule crashes;
    private final BundleOversizeRule oversize;
    private final TelemetryGapRule gaps;

    public EventRouter(SessionTracker tracker, SessionDirectory sessions, Rollups rollups, TelemetryMeters meters,
                       ReloadStreakRule streaks, CrashLoopRule crashes, BundleOversizeRule oversize, TelemetryGapRule gaps) {
        this.tracker = tracker;
        this.sessions = sessions;
        this.rollups = rollups;
        this.meters = meters;
        this.streaks = streaks;
        this.crashes = crashes;
        this.oversize = oversize;
        this.gaps = gaps;
    }

    @WithSpan("EventRouter.apply")
    public void apply(CloudEvent event, Effects fx) {
        Instant at = event.time() == null ? Instant.now() : Instant.ofEpochMilli(CloudEvent.parseTime(event.time()));
        switch (event.type()) {
            case EventTypes.SESSION_REGISTERED, EventTypes.SESSION_UPDATED -> tracker.changed(event, at, fx);
            case EventTypes.SESSION_TERMINATED, EventTypes.SESSION_EXPIRED -> tracker.ended(event, at, fx);
            case EventTypes.RELOAD_RECORDED -> recorded(event, at, fx);
            case EventTypes.RELOADED -> reloaded(event, at, fx);
            case EventTypes.RELOAD_FAILED, EventTypes.ROLLED_BACK -> reloadFailed(event, at, fx);
            case EventTypes.SANDBOX_CRASHED -> crashed(event, at, fx);
            default -> {
                if (EventTypes.isCliMetric(event.type())) {
                    cliTelemetry(event, at, fx);
                }
            }
        }
    }

    private void reloaded(CloudEvent event, Instant at, Effects fx) {
        Subject s = subject(event);
        if (s == null) {
            return;
        }
        Reloaded r = EventCodec.payload(event, Reloaded.class);
        rollups.reload(s, at, false, r.durationMs(), fx);
        streaks.cleared(s.sessionId(), at, fx);
    }

    private void reloadFailed(CloudEvent event, Instant at, Effects fx) {
        Subject s = subject(event);
        if (s == null) {
            return;
        }
        ReloadFailure f = EventCodec.payload(event, ReloadFailure.class);
        rollups.reload(s, at, true, f.durationMs(), fx);
        streaks.failed(s, event.id(), at, traceId(event), f.error().message(), fx);
    }

    /** A build the CLI reported as failed counts towards the streak (it never reaches the sandbox). */
    private void recorded(CloudEvent event, Instant at, Effects fx) {
        Subject s = subject(event);
        ReloadRecorded r = EventCodec.payload(event, ReloadRecorded.class);
        if (s != null && !r.success()) {
            streaks.failed(s, event.id(), at, traceId(event), r.error() == null ? "build failed" : r.error(), fx);
        }
    }

    private void crashed(CloudEvent event, Instant at, Effects fx) {
        Subject s = subject(event);
        if (s == null) {
            return;
        }
        SandboxCrashed c = EventCodec.payload(event, SandboxCrashed.class);
        crashes.crashed(s, event.id(), at, traceId(event), c.error(), fx);
    }

    private void cliTelemetry(CloudEvent event, Instant at, Effects fx) {
        CliTelemetry t = EventCodec.payload(event, CliTelemetry.class);
        TelemetryName kind = TelemetryName.ofEventType(event.type()).orElse(TelemetryName.CUSTOM);
        KnownSession session = event.sessionid() == null ? null : sessions.find(event.sessionid());
        String tenant = event.tenantid() != null ? event.tenantid() : session == null ? null : session.tenant();
        if (tenant == null) {
            return;
        }
        Subject s = new Subject(tenant, event.pluginid() != null ? event.pluginid() : t.pluginId(), event.sessionid());
        Instant measuredAt = t.timestamp();
        String errorCode = t.attributes() == null ? null : t.attributes().get("errorCode");
        switch (kind) {
            case BUILD_TIME -> rollups.build(s, measuredAt, t.value(), fx);
            case ERROR -> rollups.error(s, measuredAt, errorCode == null ? "unknown" : errorCode, fx);
            case BUNDLE_OVERSIZE -> oversize.oversize(s, event.id(), measuredAt, Instant.now(), fx);
            default -> { }
        }
        if (session != null) {
            fx.write(sessions.cliSeen(session, Math.max(at.toEpochMilli(), measuredAt.toEpochMilli())));
            gaps.cleared(session.sessionId(), at, fx);
        }
        fx.afterCommit(() -> meters.cliEvent(kind, t.name(), s.pluginId(), t.value(), errorCode));
    }

    /** Tenant and plugin of a session event: from the envelope, else from what the directory learned. */
    private Subject subject(CloudEvent event) {
        if (event.sessionid() == null) {
            return null;
        }
        String tenant = event.tenantid();
        String plugin = event.pluginid();
        if (tenant == null || plugin == null) {
            KnownSession known = sessions.find(event.sessionid());
            if (known != null) {
                tenant = tenant != null ? tenant : known.tenant();
                plugin = plugin != null ? plugin : known.pluginId();
            }
        }
        return tenant == null ? null : new Subject(tenant, plugin, event.sessionid());
    }

    /** The W3C trace id of the event's traceparent ({@code 00-<trace id>-<span id>-<flags>}), or null. */
    static String traceId(CloudEvent event) {
        String tp = event.traceparent();
        if (tp == null) {
            return null;
        }
        String[] parts = tp.split("-");
        return parts.length >= 3 && parts[1].length() == 32 ? parts[1] : null;
    }
}
