package com.powerx.devhotload.ticket.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.ticket.domain.TrackerStates;
import com.powerx.devhotload.ticket.domain.TrackerStatus;

import java.util.Optional;

/**
 * A tracker webhook body → the state change it reports, if any. Only state changes count: a GitHub {@code edited} event
 * carrying a {@code state_reason}, or a Jira update without a status item in its changelog, changes nothing.
 */
public final class InboundChanges {

    /** The issue ({@code trackerKey} as stored on the ticket) and its new state. */
    public record Change(String trackerKey, TrackerStatus status) {
    }

    private InboundChanges() {
    }

    public static Optional<Change> parse(String provider, String eventHeader, JsonNode body) {
        return switch (provider) {
            case "github" -> github(eventHeader, body);
            case "jira" -> jira(body);
            case "webhook" -> webhook(body);
            default -> Optional.empty();
        };
    }

    private static Optional<Change> github(String event, JsonNode body) {
        String action = body.path("action").asText();
        if (!"issues".equals(event) || !("closed".equals(action) || "reopened".equals(action))) {
            return Optional.empty();
        }
        JsonNode issue = body.path("issue");
        String key = body.path("repository").path("full_name").asText() + "#" + issue.path("number").asText();
        TrackerStatus status = "reopened".equals(action)
                ? TrackerStatus.OPEN
                : TrackerStates.github("closed", issue.path("state_reason").asText(null));
        return Optional.of(new Change(key, status));
    }

    private static Optional<Change> jira(JsonNode body) {
        boolean statusChanged = false;
        for (JsonNode item : body.path("changelog").path("items")) {
            statusChanged |= "status".equalsIgnoreCase(item.path("field").asText());
        }
        if (!statusChanged) {
            return Optional.empty();
        }
        JsonNode fields = body.path("issue").path("fields");
        TrackerStatus status = TrackerStates.jira(fields.path("status").path("name").asText(),
                fields.path("status").path("statusCategory").path("key").asText(), fields.path("resolution").path("name").asText(null));
        return Optional.of(new Change(body.path("issue").path("key").asText(), status));
    }

    private static Optional<Change> webhook(JsonNode body) {
        String event = body.path("event").asText();
        String ticketId = body.path("ticketId").asText();
        if ("reopened".equals(event)) {
            return Optional.of(new Change(ticketId, TrackerStatus.OPEN));
        }
        if (!"closed".equals(event)) {
            return Optional.empty();
        }
        String resolution = body.path("resolution").asText(null);
        return Optional.of(new Change(ticketId, resolution == null || TrackerStates.isFixed(resolution)
                ? TrackerStatus.CLOSED_FIXED : TrackerStatus.CLOSED_NOT_FIXED));
    }
}
