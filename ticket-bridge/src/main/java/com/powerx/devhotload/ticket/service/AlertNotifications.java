package com.powerx.devhotload.ticket.service;

import com.powerx.devhotload.contracts.payload.Alert;
import com.powerx.devhotload.contracts.payload.AlertResolved;
import com.powerx.devhotload.ticket.config.TicketsConfig;
import com.powerx.devhotload.ticket.provider.Notifiers;
import com.powerx.devhotload.ticket.repository.ActionRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Alert notifications through the action queue. The idempotency key is (channel, tenant, alert, opened|resolved), so an
 * alert that repeats with a raised {@code count} is one message, and its resolution one more — only when its opening
 * was notified (a resolution carries no severity: the opening decided).
 */
@ApplicationScoped
public class AlertNotifications {

    private final ActionQueue queue;
    private final ActionRepository actions;
    private final Notifiers notifiers;
    private final Set<String> severities;

    public AlertNotifications(ActionQueue queue, ActionRepository actions, Notifiers notifiers, TicketsConfig config) {
        this.queue = queue;
        this.actions = actions;
        this.notifiers = notifiers;
        this.severities = Arrays.stream(config.notifications().severities().split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    public Uni<Void> opened(SqlClient tx, String tenant, Alert a) {
        if (!severities.contains(a.severity())) {
            return Uni.createFrom().voidItem();
        }
        String text = ":rotating_light: " + a.severity() + " alert " + a.rule() + " on plugin " + a.pluginId()
                + (a.message() == null ? "" : ": " + a.message());
        JsonObject message = message("opened", tenant, a.alertId(), a.rule(), a.pluginId(), a.sessionId(), text).put("severity", a.severity());
        return each(tx, tenant, a.alertId(), "opened", message);
    }

    public Uni<Void> resolved(SqlClient tx, String tenant, AlertResolved a) {
        String text = ":white_check_mark: resolved: alert " + a.rule() + " on plugin " + a.pluginId();
        JsonObject message = message("resolved", tenant, a.alertId(), a.rule(), a.pluginId(), a.sessionId(), text);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String channel : notifiers.channels()) {
            chain = chain.flatMap(v -> actions.exists(tx, key(channel, tenant, a.alertId(), "opened")).flatMap(opened -> opened
                    ? queue.notification(tx, key(channel, tenant, a.alertId(), "resolved"), tenant, channel, message).replaceWithVoid()
                    : Uni.createFrom().voidItem()));
        }
        return chain;
    }

    private Uni<Void> each(SqlClient tx, String tenant, String alertId, String change, JsonObject message) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String channel : notifiers.channels()) {
            chain = chain.flatMap(v -> queue.notification(tx, key(channel, tenant, alertId, change), tenant, channel, message).replaceWithVoid());
        }
        return chain;
    }

    private static String key(String channel, String tenant, String alertId, String change) {
        return "notify:" + channel + ":" + tenant + ":" + alertId + ":" + change;
    }

    private static JsonObject message(String event, String tenant, String alertId, String rule, String pluginId, String sessionId, String text) {
        return new JsonObject().put("event", "alert." + event).put("tenantId", tenant).put("alertId", alertId).put("rule", rule)
                .put("pluginId", pluginId).put("sessionId", sessionId).put("text", text);
    }
}
