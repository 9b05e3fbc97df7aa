package com.powerx.devhotload.ticket.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.ticket.config.TicketsConfig;
import com.powerx.devhotload.ticket.domain.TrackerStates;
import com.powerx.devhotload.ticket.domain.TrackerStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub Issues REST. Issues carry the labels {@code px-debug} and the fingerprint label; the lookup lists issues by
 * that label (the list endpoint, not the eventually consistent search API). Closing sets {@code state_reason: completed};
 * the state change goes first and the comment after, so a retried transition never double-closes.
 */
@ApplicationScoped
public class GitHubTracker implements Tracker {

    private final TrackerHttp http;
    private final TicketsConfig.GitHub config;

    public GitHubTracker(TrackerHttp http, TicketsConfig config) {
        this.http = http;
        this.config = config.github();
    }

    @Override
    public String name() {
        return "github";
    }

    @Override
    public Optional<TrackerIssue> find(TrackerRequest r) {
        String label = URLEncoder.encode(FingerprintLabel.of(r.ticket()), StandardCharsets.UTF_8);
        JsonNode list = http.send("github find", "GET", repoUrl() + "/issues?state=all&per_page=5&labels=" + label, headers(), null).json();
        for (JsonNode issue : list) {
            if (!issue.has("pull_request")) {
                return Optional.of(issue(issue));
            }
        }
        return Optional.empty();
    }

    @Override
    public TrackerIssue create(TrackerRequest r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", r.ticket().title());
        body.put("body", r.text());
        body.put("labels", List.of("px-debug", FingerprintLabel.of(r.ticket())));
        if (r.ticket().assignee() != null) {
            body.put("assignees", List.of(r.ticket().assignee()));
        }
        return issue(http.send("github create", "POST", repoUrl() + "/issues", headers(), body).json());
    }

    @Override
    public void comment(TrackerRequest r) {
        http.send("github comment", "POST", issueUrl(r) + "/comments", headers(), Map.of("body", r.text()));
    }

    @Override
    public void close(TrackerRequest r) {
        http.send("github close", "PATCH", issueUrl(r), headers(), Map.of("state", "closed", "state_reason", "completed"));
        comment(r);
    }

    @Override
    public void reopen(TrackerRequest r) {
        http.send("github reopen", "PATCH", issueUrl(r), headers(), Map.of("state", "open", "state_reason", "reopened"));
        comment(r);
    }

    @Override
    public Optional<TrackerStatus> read(TrackerRequest r) {
        JsonNode issue = http.send("github read", "GET", issueUrl(r), headers(), null).json();
        return Optional.of(TrackerStates.github(issue.path("state").asText(), issue.path("state_reason").asText(null)));
    }

    private TrackerIssue issue(JsonNode issue) {
        String number = issue.path("number").asText();
        return new TrackerIssue(number, config.repo().orElse("") + "#" + number, issue.path("html_url").asText(null));
    }

    private String repoUrl() {
        String repo = config.repo().orElseThrow(() -> new TrackerFailure(TrackerFailure.Kind.PERMANENT, "PX_TICKETS_GITHUB_REPO is not set"));
        return config.url().replaceAll("/+$", "") + "/repos/" + repo;
    }

    private String issueUrl(TrackerRequest r) {
        return repoUrl() + "/issues/" + r.ticket().trackerId();
    }

    private Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "application/vnd.github+json");
        h.put("X-GitHub-Api-Version", "2022-11-28");
        config.token().ifPresent(token -> h.put("Authorization", "Bearer " + token));
        return h;
    }
}
