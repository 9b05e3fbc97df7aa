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
 * {@code bundle-oversize}: more than N oversize bundles of one plugin (any session) within the window, counted by the
 * CLI's {@code dev.hotload.cli_bundle_oversize} telemetry. Cleared by the sweep once the count falls back.
 */
@ApplicationScoped
public class BundleOversizeRule {

    private final RuleStateRepository state;
    private final AlertService alerts;
    private final AlertConfig config;

    public BundleOversizeRule(RuleStateRepository state, AlertService alerts, AlertConfig config) {
        this.state = state;
        this.alerts = alerts;
        this.config = config;
    }

    public void oversize(Subject subject, String eventId, Instant at, Instant now, Effects fx) {
        String key = RedisKeys.oversize(subject.tenant(), subject.pluginId());
        long from = now.toEpochMilli() - config.bundleOversizeWindow().toMillis();
        List<Occurrence> window = new ArrayList<>(state.window(key, from));
        window.removeIf(o -> o.eventId().equals(eventId));
        window.add(new Occurrence(eventId, at.toEpochMilli()));
        fx.write(state.addToWindow(key, new Occurrence(eventId, at.toEpochMilli()), from));
        if (window.size() > config.bundleOversizeCount()) {
            Occurrence first = window.stream().min(java.util.Comparator.comparingLong(Occurrence::atMs)).orElseThrow();
            Subject plugin = new Subject(subject.tenant(), subject.pluginId(), null);
            alerts.raise(AlertRule.BUNDLE_OVERSIZE, new AlertService.Firing(plugin, plugin.pluginScope(), first.eventId(), at,
                    new Window(Instant.ofEpochMilli(first.atMs()), at), List.of(),
                    window.size() + " oversize bundles of plugin " + subject.pluginId() + " within "
                            + config.bundleOversizeWindow().toHours() + " h"), fx);
        }
    }

    /** Resolves open oversize alerts whose plugin is back at or under the threshold. */
    public void sweep(Instant now, Effects fx) {
        long from = now.toEpochMilli() - config.bundleOversizeWindow().toMillis();
        for (String scope : alerts.openScopes(AlertRule.BUNDLE_OVERSIZE)) {
            String[] tenantAndPlugin = scope.split("/", 2);
            if (tenantAndPlugin.length == 2
                    && state.window(RedisKeys.oversize(tenantAndPlugin[0], tenantAndPlugin[1]), from).size() <= config.bundleOversizeCount()) {
                alerts.resolve(AlertRule.BUNDLE_OVERSIZE, scope, now, fx);
            }
        }
    }
}
