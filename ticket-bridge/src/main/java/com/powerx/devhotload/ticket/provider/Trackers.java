package com.powerx.devhotload.ticket.provider;

import com.powerx.devhotload.ticket.config.GlobRoutes;
import com.powerx.devhotload.ticket.config.TicketsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The providers by name, and which one a plugin's tickets go to ({@code PX_TICKETS_ROUTES}) and whom they are assigned. */
@ApplicationScoped
public class Trackers {

    private final Map<String, Tracker> byName;
    private final GlobRoutes routes;
    private final GlobRoutes owners;

    public Trackers(LocalTracker local, JiraTracker jira, GitHubTracker github, WebhookTracker webhook, TicketsConfig config) {
        this.byName = Map.of(local.name(), local, jira.name(), jira, github.name(), github, webhook.name(), webhook);
        this.routes = GlobRoutes.parse(config.routes());
        this.owners = GlobRoutes.parse(config.owners().orElse(""));
        for (String provider : routes.values()) {
            if (!byName.containsKey(provider)) {
                throw new IllegalArgumentException("PX_TICKETS_ROUTES names unknown provider '" + provider + "'; known: " + List.copyOf(byName.keySet()));
            }
        }
    }

    /** The provider of {@code pluginId}'s tickets; {@code local} when no route matches. */
    public String providerFor(String pluginId) {
        return routes.match(pluginId).orElse("local");
    }

    public Optional<String> ownerOf(String pluginId) {
        return owners.match(pluginId);
    }

    public Tracker get(String name) {
        Tracker tracker = byName.get(name);
        if (tracker == null) {
            throw new TrackerFailure(TrackerFailure.Kind.PERMANENT, "unknown provider " + name);
        }
        return tracker;
    }
}
