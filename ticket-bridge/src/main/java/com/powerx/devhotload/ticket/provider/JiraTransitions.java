package com.powerx.devhotload.ticket.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.ticket.domain.TrackerStates;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses a Jira transition from the list ({@code GET …/transitions}), never by a hard-coded id: workflows
 * differ per project. Closing prefers a transition named like a fix, then any whose target status is in category
 * {@code done} and not a "not fixed" state; reopening prefers a reopen-like name, then any leaving {@code done}.
 */
final class JiraTransitions {

    private static final Set<String> REOPEN_NAMES = Set.of("reopen", "reopened", "reopen issue", "to do", "open", "back to to do");

    private JiraTransitions() {
    }

    static Optional<String> toClose(JsonNode transitions) {
        for (JsonNode t : transitions.path("transitions")) {
            if (TrackerStates.isFixed(t.path("name").asText()) || TrackerStates.isFixed(t.path("to").path("name").asText())) {
                return Optional.of(t.path("id").asText());
            }
        }
        for (JsonNode t : transitions.path("transitions")) {
            if ("done".equals(category(t)) && !TrackerStates.isNotFixed(t.path("name").asText())
                    && !TrackerStates.isNotFixed(t.path("to").path("name").asText())) {
                return Optional.of(t.path("id").asText());
            }
        }
        return Optional.empty();
    }

    static Optional<String> toReopen(JsonNode transitions) {
        for (JsonNode t : transitions.path("transitions")) {
            if (REOPEN_NAMES.contains(t.path("name").asText().toLowerCase(Locale.ROOT)) && !"done".equals(category(t))) {
                return Optional.of(t.path("id").asText());
            }
        }
        for (JsonNode t : transitions.path("transitions")) {
            if (!"done".equals(category(t)) && !category(t).isEmpty()) {
                return Optional.of(t.path("id").asText());
            }
        }
        return Optional.empty();
    }

    private static String category(JsonNode transition) {
        return transition.path("to").path("statusCategory").path("key").asText("");
    }
}
