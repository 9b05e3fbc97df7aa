package com.powerx.devhotload.telemetry.repository;

import com.powerx.devhotload.contracts.JsonText;
import com.powerx.devhotload.telemetry.config.AlertConfig;
import com.powerx.devhotload.telemetry.domain.AlertView;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Alerts in Redis: each alert as JSON ({@code ti:alert:<id>}), a per-tenant index by last change, and a pointer from
 * (rule, scope) to the open alert — the rule state that makes one open alert per (rule, session) survive restarts.
 */
@ApplicationScoped
public class AlertRepository {

    private final RedisStore redis;
    private final AlertConfig config;

    public AlertRepository(RedisStore redis, AlertConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** The open alert of (rule, scope), or null. */
    public AlertView findOpen(String rule, String scope) {
        String id = RedisStore.text(redis.send(Request.cmd(Command.GET).arg(RedisKeys.openAlert(rule, scope))));
        return id == null ? null : find(id);
    }

    public AlertView find(String alertId) {
        String json = RedisStore.text(redis.send(Request.cmd(Command.GET).arg(RedisKeys.alert(alertId))));
        return json == null ? null : JsonText.read(json, AlertView.class);
    }

    /** Stores the alert; an open one holds the (rule, scope) pointer, a resolved one releases it. */
    public List<Request> save(AlertView alert, String scope) {
        long ttl = config.retention().toSeconds();
        List<Request> writes = new ArrayList<>();
        writes.add(Request.cmd(Command.SET).arg(RedisKeys.alert(alert.alertId())).arg(JsonText.write(alert)).arg("EX").arg(ttl));
        writes.add(Request.cmd(Command.ZADD).arg(RedisKeys.alerts(alert.tenantId())).arg(alert.lastAt().toEpochMilli()
                + (alert.resolvedAt() == null ? 0 : 1)).arg(alert.alertId()));
        String pointer = RedisKeys.openAlert(alert.rule(), scope);
        writes.add(alert.isOpen()
                ? Request.cmd(Command.SET).arg(pointer).arg(alert.alertId())
                : Request.cmd(Command.DEL).arg(pointer));
        writes.add(Request.cmd(alert.isOpen() ? Command.SADD : Command.SREM).arg(RedisKeys.openScopes(alert.rule())).arg(scope));
        return writes;
    }

    /** The scopes with an open alert of {@code rule}: what the sweep re-checks. */
    public List<String> openScopes(String rule) {
        Response r = redis.send(Request.cmd(Command.SMEMBERS).arg(RedisKeys.openScopes(rule)));
        List<String> scopes = new ArrayList<>();
        if (r != null) {
            r.forEach(x -> scopes.add(x.toString()));
        }
        return scopes;
    }

    /** A tenant's alerts, newest change first, filtered; at most {@code limit}. */
    public List<AlertView> list(String tenant, String status, String sessionId, String pluginId, int limit) {
        Response ids = redis.send(Request.cmd(Command.ZREVRANGE).arg(RedisKeys.alerts(tenant)).arg(0).arg(-1));
        List<Request> gets = new ArrayList<>();
        if (ids != null) {
            ids.forEach(id -> gets.add(Request.cmd(Command.GET).arg(RedisKeys.alert(id.toString()))));
        }
        List<AlertView> out = new ArrayList<>();
        for (Response json : redis.pipeline(gets)) {
            if (json == null || out.size() >= limit) {
                continue;
            }
            AlertView a = JsonText.read(json.toString(), AlertView.class);
            if ((status == null || status.equals(a.status()))
                    && (sessionId == null || sessionId.equals(a.sessionId()))
                    && (pluginId == null || pluginId.equals(a.pluginId()))) {
                out.add(a);
            }
        }
        return out;
    }
}
