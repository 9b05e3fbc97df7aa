package com.powerx.devhotload.telemetry.service;

import com.powerx.devhotload.telemetry.config.AlertConfig;
import com.powerx.devhotload.telemetry.domain.AlertRule;
import com.powerx.devhotload.telemetry.domain.AlertView.Window;
import com.powerx.devhotload.telemetry.domain.Subject;
import com.powerx.devhotload.telemetry.repository.RedisKeys;
import com.powerx.devhotload.telemetry.repository.RuleStateRepository;
import com.powerx.devhotload.telemetry.repository.RuleStateRepository.Occurrence;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sandbox-crash-loop}: N crashes of a session's sandbox within the window. Cleared when the session ends or
 * when the window passes without a crash (checked by the sweep).
 */
@ApplicationScoped
public class CrashLoopRule {

    private final RuleStateRepository state;
    private final AlertService alerts;
    private final AlertConfig config;

    public CrashLoopRule(RuleStateRepository state, AlertService alerts, AlertConfig config) {
        this.state = state;
        this.alerts = alerts;
        this.config = config;
    }

    public void crashed(Subject subject, String eventId, Instant at, String traceId, String error, Effects fx) {
        String key = RedisKeys.crashes(subject.sessionId());
        long from = at.toEpochMilli() - config.crashLoopWindow().toMillis();
        List<Occurrence> window = new ArrayList<>(state.window(key, from));
        window.removeIf(o -> o.eventId().equals(eventId));
        window.add(new Occurrence(eventId, at.toEpochMilli()));
        fx.write(state.addToWindow(key, new Occurrence(eventId, at.toEpochMilli()), from));
        if (window.size() >= config.crashLoopCount()) {
            Occurrence first = window.getFirst();
            String summary = window.size() + " sandbox crashes within " + config.crashLoopWindow().toMinutes() + " min"
                    + (error == null ? "" : "; last: " + error);
            alerts.raise(AlertRule.SANDBOX_CRASH_LOOP, new AlertService.Firing(subject, subject.sessionId(), first.eventId(), at,
                    new Window(Instant.ofEpochMilli(first.atMs()), at), traceId == null ? List.of() : List.of(traceId), summary), fx);
        }
    }

    public void sessionEnded(String sessionId, Instant at, Effects fx) {
        fx.write(state.clear(RedisKeys.crashes(sessionId)));
        alerts.resolve(AlertRule.SANDBOX_CRASH_LOOP, sessionId, at, fx);
    }

    /** Resolves open crash loops whose window passed without a crash. */
    public void sweep(Instant now, Effects fx) {
        long from = now.toEpochMilli() - config.crashLoopWindow().toMillis();
        for (String sessionId : alerts.openScopes(AlertRule.SANDBOX_CRASH_LOOP)) {
            if (state.window(RedisKeys.crashes(sessionId), from).isEmpty()) {
                alerts.resolve(AlertRule.SANDBOX_CRASH_LOOP, sessionId, now, fx);
            }
        }
    }
}
