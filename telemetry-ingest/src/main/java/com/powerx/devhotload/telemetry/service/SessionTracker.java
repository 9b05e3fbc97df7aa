package com.powerx.devhotload.telemetry.service;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.SessionRegistered;
import com.powerx.devhotload.contracts.payload.SessionUpdated;
import com.powerx.devhotload.telemetry.repository.SessionDirectory;
import com.powerx.devhotload.telemetry.repository.SessionDirectory.KnownSession;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Set;

/**
 * Keeps the session directory current from {@code dev.session.lifecycle} (tenant, plugin, reload-token hash, live or
 * ended), and clears every session-scoped rule when a session ends.
 */
@ApplicationScoped
public class SessionTracker {

    private static final Set<String> ENDED = Set.of("terminated", "expired");

    private final SessionDirectory sessions;
    private final ReloadStreakRule streaks;
    private final CrashLoopRule crashes;
    private final TelemetryGapRule gaps;
    private final TelemetryMeters meters;

    public SessionTracker(SessionDirectory sessions, ReloadStreakRule streaks, CrashLoopRule crashes, TelemetryGapRule gaps,
                          TelemetryMeters meters) {
        this.sessions = sessions;
        this.streaks = streaks;
        this.crashes = crashes;
        this.gaps = gaps;
        this.meters = meters;
    }

    /** {@code dev.session.registered} or {@code dev.session.updated}. */
    public void changed(CloudEvent event, Instant at, Effects fx) {
        String sessionId;
        String status;
        String plugin = event.pluginid();
        String token;
        if (EventTypes.SESSION_REGISTERED.equals(event.type())) {
            SessionRegistered r = EventCodec.payload(event, SessionRegistered.class);
            sessionId = r.sessionId();
            status = r.status();
            plugin = r.pluginId();
            token = r.reloadTokenSha256();
        } else {
            SessionUpdated u = EventCodec.payload(event, SessionUpdated.class);
            sessionId = u.sessionId();
            status = u.status();
            token = u.reloadTokenSha256();
        }
        KnownSession before = sessions.find(sessionId);
        String tenant = event.tenantid() != null ? event.tenantid() : before == null ? null : before.tenant();
        if (tenant == null) {
            return;
        }
        if (status != null && ENDED.contains(status)) {
            end(new KnownSession(sessionId, tenant, plugin != null ? plugin : before == null ? null : before.pluginId(), false,
                    before == null ? null : before.tokenSha256(), 0), at, fx);
        } else if (before == null || !before.ended()) {
            fx.write(sessions.learn(before, sessionId, tenant, plugin, token));
            fx.afterCommit(this::refreshActive);
        }
    }

    /** {@code dev.session.terminated} or {@code dev.session.expired}. */
    public void ended(CloudEvent event, Instant at, Effects fx) {
        KnownSession known = event.sessionid() == null ? null : sessions.find(event.sessionid());
        if (known != null && !known.ended()) {
            end(known, at, fx);
        }
    }

    private void end(KnownSession session, Instant at, Effects fx) {
        fx.write(sessions.end(session));
        streaks.cleared(session.sessionId(), at, fx);
        crashes.sessionEnded(session.sessionId(), at, fx);
        gaps.cleared(session.sessionId(), at, fx);
        fx.afterCommit(this::refreshActive);
    }

    public void refreshActive() {
        meters.activeSessions(sessions.countAllLive());
    }
}
