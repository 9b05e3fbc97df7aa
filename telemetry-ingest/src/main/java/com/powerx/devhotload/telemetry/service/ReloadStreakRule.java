package com.powerx.devhotload.telemetry.service;

import com.powerx.devhotload.telemetry.config.AlertConfig;
import com.powerx.devhotload.telemetry.domain.AlertRule;
import com.powerx.devhotload.telemetry.domain.AlertView.Window;
import com.powerx.devhotload.telemetry.domain.Subject;
import com.powerx.devhotload.telemetry.repository.RuleStateRepository;
import com.powerx.devhotload.telemetry.repository.RuleStateRepository.Streak;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code reload-failure-streak}: N consecutive failed reloads of a session ({@code failed}, {@code rolled-back}, or a
 * build failure the CLI recorded). A successful reload or the session's end clears it. The streak lives in Redis.
 */
@ApplicationScoped
public class ReloadStreakRule {

    private static final int MAX_TRACES = 20;

    private final RuleStateRepository state;
    private final AlertService alerts;
    private final AlertConfig config;

    public ReloadStreakRule(RuleStateRepository state, AlertService alerts, AlertConfig config) {
        this.state = state;
        this.alerts = alerts;
        this.config = config;
    }

    public void failed(Subject subject, String eventId, Instant at, String traceId, String error, Effects fx) {
        Streak before = state.streak(subject.sessionId());
        Streak now = extend(before, eventId, at, traceId);
        fx.write(state.saveStreak(subject.sessionId(), now));
        if (now.failures() >= config.reloadFailureStreak()) {
            String summary = now.failures() + " consecutive failed reloads" + (error == null ? "" : "; last: " + abbreviate(error));
            alerts.raise(AlertRule.RELOAD_FAILURE_STREAK, new AlertService.Firing(subject, subject.sessionId(), now.firstEventId(), at,
                    new Window(Instant.ofEpochMilli(now.firstMs()), at), now.traceIds(), summary), fx);
        }
    }

    /** A reload took effect, or the session ended: the streak is over. */
    public void cleared(String sessionId, Instant at, Effects fx) {
        fx.write(state.clearStreak(sessionId));
        alerts.resolve(AlertRule.RELOAD_FAILURE_STREAK, sessionId, at, fx);
    }

    private static Streak extend(Streak before, String eventId, Instant at, String traceId) {
        List<String> traces = new ArrayList<>(before.traceIds());
        if (traceId != null && !traces.contains(traceId) && traces.size() < MAX_TRACES) {
            traces.add(traceId);
        }
        if (before.failures() == 0) {
            return new Streak(1, at.toEpochMilli(), eventId, traces);
        }
        return new Streak(before.failures() + 1, before.firstMs(), before.firstEventId(), traces);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
