package com.powerx.devhotload.ticket.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.ticket.config.TicketsConfig;
import com.powerx.devhotload.ticket.domain.TrackerStates;
import com.powerx.devhotload.ticket.domain.TrackerStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jira Cloud REST v3. The fingerprint → issue map is ours; {@code POST /rest/api/3/search/jql} (eventually consistent:
 * a just-created issue may be missing) is only the fallback lookup before a create. Transitions come from the issue's
 * own list ({@link JiraTransitions}); none that fits is a {@link TrackerFailure.Kind#MISSING_TRANSITION}.
 */
@ApplicationScoped
public class JiraTracker implements Tracker {

    private final TrackerHttp http;
    private final TicketsConfig.Jira config;

    public JiraTracker(TrackerHttp http, TicketsConfig config) {
        this.http = http;
        this.config = config.jira();
    }

    @Override
    public String name() {
        return "jira";
    }

    @Override
    public Optional<TrackerIssue> find(TrackerRequest r) {
        String jql = "project = \"" + project() + "\" AND labels = \"" + FingerprintLabel.of(r.ticket()) + "\" ORDER BY created ASC";
        JsonNode found = http.send("jira search", "POST", api("/search/jql"), headers(),
                Map.of("jql", jql, "fields", List.of("status"), "maxResults", 1)).json();
        JsonNode first = found.path("issues").path(0);
        return first.isMissingNode() ? Optional.empty() : Optional.of(issue(first));
    }

    @Override
    public TrackerIssue create(TrackerRequest r) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("project", Map.of("key", project()));
        fields.put("summary", r.ticket().title());
        fields.put("issuetype", Map.of("name", config.issueType()));
        fields.put("labels", List.of("px-debug", FingerprintLabel.of(r.ticket())));
        fields.put("description", Adf.of(r.text()));
        if (r.ticket().assignee() != null) {
            fields.put("assignee", Map.of("id", r.ticket().assignee()));
        }
        return issue(http.send("jira create", "POST", api("/issue"), headers(), Map.of("fields", fields)).json());
    }

    @Override
    public void comment(TrackerRequest r) {
        http.send("jira comment", "POST", api("/issue/" + r.ticket().trackerId() + "/comment"), headers(), Map.of("body", Adf.of(r.text())));
    }

    /**
     * A retried close can find the issue already in a done status: the transition went through but its answer was
     * lost, or the comment after it failed. A done issue offers no close transition, so only then is its status read,
     * and an issue that is already closed just gets the comment — not a missing-transition error retried for ever.
     */
    @Override
    public void close(TrackerRequest r) {
        Optional<String> toDone = JiraTransitions.toClose(transitions(r));
        if (toDone.isPresent() || !isClosed(r)) {
            transition(r, "close", toDone);
        }
        comment(r);
    }

    /**
     * The status is read first: a retried reopen may find the issue open already, and an open issue's transitions
     * (Start Progress, Won't Do …) must not be taken for a reopen.
     */
    @Override
    public void reopen(TrackerRequest r) {
        if (isClosed(r)) {
            transition(r, "reopen", JiraTransitions.toReopen(transitions(r)));
        }
        comment(r);
    }

    private boolean isClosed(TrackerRequest r) {
        return read(r).map(TrackerStatus::closed).orElse(false);
    }

    @Override
    public Optional<TrackerStatus> read(TrackerRequest r) {
        JsonNode fields = http.send("jira read", "GET", api("/issue/" + r.ticket().trackerId() + "?fields=status,resolution"), headers(), null)
                .json().path("fields");
        return Optional.of(TrackerStates.jira(fields.path("status").path("name").asText(),
                fields.path("status").path("statusCategory").path("key").asText(), fields.path("resolution").path("name").asText(null)));
    }

    private JsonNode transitions(TrackerRequest r) {
        return http.send("jira transitions", "GET", api("/issue/" + r.ticket().trackerId() + "/transitions"), headers(), null).json();
    }

    private void transition(TrackerRequest r, String what, Optional<String> id) {
        String transitionId = id.orElseThrow(() -> new TrackerFailure(TrackerFailure.Kind.MISSING_TRANSITION,
                "jira " + what + ": issue " + r.ticket().trackerKey() + " has no transition to " + (what.equals("close") ? "a done" : "an open") + " status"));
        http.send("jira " + what, "POST", api("/issue/" + r.ticket().trackerId() + "/transitions"), headers(),
                Map.of("transition", Map.of("id", transitionId)));
    }

    private TrackerIssue issue(JsonNode issue) {
        String key = issue.path("key").asText();
        return new TrackerIssue(issue.path("id").asText(key), key, base() + "/browse/" + key);
    }

    private String project() {
        return config.project().orElseThrow(() -> new TrackerFailure(TrackerFailure.Kind.PERMANENT, "PX_TICKETS_JIRA_PROJECT is not set"));
    }

    private String base() {
        return config.url().orElseThrow(() -> new TrackerFailure(TrackerFailure.Kind.PERMANENT, "PX_TICKETS_JIRA_URL is not set"))
                .replaceAll("/+$", "");
    }

    private String api(String path) {
        return base() + "/rest/api/3" + path;
    }

    private Map<String, String> headers() {
        String user = config.user().orElse("");
        String token = config.token().orElse("");
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8)));
    }
}
