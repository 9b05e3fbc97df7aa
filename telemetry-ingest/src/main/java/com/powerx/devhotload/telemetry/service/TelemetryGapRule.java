package com.powerx.devhotload.telemetry.service;

import com.powerx.devhotload.telemetry.config.AlertConfig;
import com.powerx.devhotload.telemetry.domain.AlertRule;
import com.powerx.devhotload.telemetry.domain.AlertView.Window;
import com.powerx.devhotload.telemetry.domain.Subject;
import com.powerx.devhotload.telemetry.repository.SessionDirectory;
import com.powerx.devhotload.telemetry.repository.SessionDirectory.KnownSession;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * {@code telemetry-gap}: a live session whose CLI sent telemetry before has been silent for the gap. Only sessions
 * with at least one CLI event are watched (PowerX's own CLIs send none). Checked on the clock by the sweep; cleared
 * when telemetry resumes or the session ends.
 */
@ApplicationScoped
public class TelemetryGapRule {

    private final SessionDirectory sessions;
    private final AlertService alerts;
    private final AlertConfig config;

    public TelemetryGapRule(SessionDirectory sessions, AlertService alerts, AlertConfig config) {
        this.sessions = sessions;
        this.alerts = alerts;
        this.config = config;
    }

    public void sweep(Instant now, Effects fx) {
        for (String sessionId : sessions.cliSessions()) {
            KnownSession s = sessions.find(sessionId);
            if (s == null || s.ended() || s.cliLastMs() == 0) {
                continue;
            }
            Instant last = Instant.ofEpochMilli(s.cliLastMs());
            if (last.plus(config.telemetryGap()).isBefore(now)
                    && !alerts.openScopes(AlertRule.TELEMETRY_GAP).contains(sessionId)) {
                Subject subject = new Subject(s.tenant(), s.pluginId(), sessionId);
                alerts.raise(AlertRule.TELEMETRY_GAP, new AlertService.Firing(subject, sessionId, Long.toString(s.cliLastMs()), now,
                        new Window(last, now), List.of(), "no CLI telemetry since " + last), fx);
            }
        }
    }

    /** Telemetry arrived, or the session ended. */
    public void cleared(String sessionId, Instant at, Effects fx) {
        alerts.resolve(AlertRule.TELEMETRY_GAP, sessionId, at, fx);
    }
}
