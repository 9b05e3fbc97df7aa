package com.powerx.devhotload.ticket.provider;

import com.powerx.devhotload.ticket.config.TicketsConfig;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Alert notification channels: a Slack incoming webhook and a generic webhook signed like the webhook provider. */
@ApplicationScoped
public class Notifiers {

    public static final String SLACK = "slack";
    public static final String WEBHOOK = "notify-webhook";

    private final TrackerHttp http;
    private final SignedPost post;
    private final TicketsConfig config;

    public Notifiers(TrackerHttp http, SignedPost post, TicketsConfig config) {
        this.http = http;
        this.post = post;
        this.config = config;
    }

    /** The channels configured now. */
    public List<String> channels() {
        List<String> out = new ArrayList<>();
        config.notifications().slackWebhookUrl().ifPresent(u -> out.add(SLACK));
        config.notifications().webhookUrl().ifPresent(u -> out.add(WEBHOOK));
        return out;
    }

    /** {@code message} is the action body stored with the intent: {@code text} plus the alert's fields. */
    public void send(String channel, JsonObject message) {
        switch (channel) {
            case SLACK -> http.send("slack notify", "POST", url(config.notifications().slackWebhookUrl().orElse(null), "PX_NOTIFY_SLACK_WEBHOOK_URL"),
                    Map.of(), Map.of("text", message.getString("text")));
            case WEBHOOK -> post.send("webhook notify", url(config.notifications().webhookUrl().orElse(null), "PX_NOTIFY_WEBHOOK_URL"),
                    config.webhook().secret().orElse(null), message.getMap());
            default -> throw new TrackerFailure(TrackerFailure.Kind.PERMANENT, "unknown notification channel " + channel);
        }
    }

    private static String url(String value, String name) {
        if (value == null) {
            throw new TrackerFailure(TrackerFailure.Kind.PERMANENT, name + " is not set");
        }
        return value;
    }
}
