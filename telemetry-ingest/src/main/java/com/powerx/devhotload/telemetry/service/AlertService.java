package com.powerx.devhotload.telemetry.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.payload.Alert;
import com.powerx.devhotload.contracts.payload.AlertResolved;
import com.powerx.devhotload.telemetry.domain.AlertRule;
import com.powerx.devhotload.telemetry.domain.AlertView;
import com.powerx.devhotload.telemetry.domain.AlertView.Window;
import com.powerx.devhotload.telemetry.domain.Subject;
import com.powerx.devhotload.telemetry.messaging.EventPublisher;
import com.powerx.devhotload.telemetry.repository.AlertRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Opens, repeats and resolves alerts: one open alert per (rule, scope). Opening and resolving publish on
 * {@code plugin.debug.alert} before the state is committed, with ids derived from the streak, so an event applied
 * twice (crash between publish and commit) publishes the same alert id and the same CloudEvent id again, which
 * consumers drop as a duplicate; a repeat only raises {@code count}.
 */
@ApplicationScoped
public class AlertService {

    /** Why a rule fires: the evidence window, trace ids, a one-line summary, and what identifies this streak. */
    public record Firing(Subject subject, String scope, String streakKey, Instant at, Window window, List<String> traceIds,
                         String summary) {
    }

    private final AlertRepository alerts;
    private final EventPublisher publisher;
    private final TelemetryMeters meters;

    public AlertService(AlertRepository alerts, EventPublisher publisher, TelemetryMeters meters) {
        this.alerts = alerts;
        this.publisher = publisher;
        this.meters = meters;
    }

    /** The condition of {@code rule} holds: opens its alert, or raises the open one's count. */
    @WithSpan("AlertService.raise")
    public void raise(AlertRule rule, Firing f, Effects fx) {
        AlertView open = alerts.findOpen(rule.wire(), f.scope());
        if (open != null) {
            fx.write(alerts.save(open.repeated(f.at(), f.window().to(), f.traceIds(), f.summary()), f.scope()));
            return;
        }
        String alertId = uuid(rule.wire() + "|" + f.subject().tenant() + "|" + f.scope() + "|" + f.streakKey()).toString();
        AlertView alert = AlertView.open(alertId, rule, f.subject().tenant(), f.subject().pluginId(), f.subject().sessionId(),
                f.at(), f.window(), f.traceIds(), f.summary());
        publisher.publishAll(List.of(raised(alert)));
        fx.write(alerts.save(alert, f.scope()));
        fx.afterCommit(() -> meters.alertOpened(rule));
    }

    /** The condition of {@code rule} cleared for {@code scope}: resolves its open alert, if any. */
    @WithSpan("AlertService.resolve")
    public void resolve(AlertRule rule, String scope, Instant at, Effects fx) {
        AlertView open = alerts.findOpen(rule.wire(), scope);
        if (open == null) {
            return;
        }
        AlertView resolved = open.resolved(at);
        publisher.publishAll(List.of(resolvedEvent(resolved)));
        fx.write(alerts.save(resolved, scope));
    }

    public List<String> openScopes(AlertRule rule) {
        return alerts.openScopes(rule.wire());
    }

    /** The contract's {@link Alert} payload, plus the alert data of CONTRACT.md §6 (window, traceIds, status …). */
    private static CloudEvent raised(AlertView a) {
        Alert payload = new Alert(a.alertId(), a.rule(), a.severity(), a.sessionId(), a.pluginId(), a.tenantId(), a.count(),
                a.firstAt(), a.lastAt(), a.summary());
        return event(EventTypes.ALERT_RAISED, a, payload, ":raised");
    }

    private static CloudEvent resolvedEvent(AlertView a) {
        AlertResolved payload = new AlertResolved(a.alertId(), a.rule(), a.sessionId(), a.pluginId());
        return event(EventTypes.ALERT_RESOLVED, a, payload, ":resolved");
    }

    private static CloudEvent event(String type, AlertView a, Object payload, String idSuffix) {
        ObjectNode data = (ObjectNode) EventCodec.toNode(payload);
        ((ObjectNode) EventCodec.toNode(a)).fields().forEachRemaining(f -> {
            if (!data.has(f.getKey()) && !f.getValue().isNull()) {
                data.set(f.getKey(), f.getValue());
            }
        });
        CloudEvent e = CloudEvent.create(EventSources.TELEMETRY_INGEST, type, a.sessionId() != null ? a.sessionId() : a.pluginId(),
                a.tenantId(), a.pluginId(), a.sessionId(), data);
        return new CloudEvent(e.specversion(), uuid(a.alertId() + idSuffix).toString(), e.source(), e.type(), e.subject(),
                e.time(), e.datacontenttype(), e.tenantid(), e.pluginid(), e.sessionid(), e.traceparent(), e.data());
    }

    private static UUID uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
