package com.powerx.devhotload.ticket.provider;

import com.powerx.devhotload.ticket.config.TicketsConfig;
import com.powerx.devhotload.ticket.domain.Ticket;
import com.powerx.devhotload.ticket.domain.TrackerStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The generic webhook provider (CONTRACT.md §8): each operation is one signed JSON POST
 * {@code {event, ticketId, fingerprint, pluginId, tenantId, title, reportId, url, comment}}; a 2xx is success. The
 * receiver keys on {@code ticketId} and {@code event}, so a repeated POST after an uncertain outcome is its to dedupe.
 */
@ApplicationScoped
public class WebhookTracker implements Tracker {

    private final SignedPost post;
    private final TicketsConfig.Webhook config;
    private final String baseUrl;

    public WebhookTracker(SignedPost post, TicketsConfig config) {
        this.post = post;
        this.config = config.webhook();
        this.baseUrl = config.publicUrl().replaceAll("/+$", "");
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public Optional<TrackerIssue> find(TrackerRequest request) {
        return Optional.empty();
    }

    @Override
    public TrackerIssue create(TrackerRequest r) {
        String url = baseUrl + "/internal/ticket/tickets/" + r.ticket().ticketId();
        send("created", r, url);
        return new TrackerIssue(r.ticket().ticketId().toString(), r.ticket().ticketId().toString(), url);
    }

    @Override
    public void comment(TrackerRequest r) {
        send("commented", r, r.ticket().url());
    }

    @Override
    public void close(TrackerRequest r) {
        send("closed", r, r.ticket().url());
    }

    @Override
    public void reopen(TrackerRequest r) {
        send("reopened", r, r.ticket().url());
    }

    @Override
    public Optional<TrackerStatus> read(TrackerRequest request) {
        return Optional.empty();
    }

    private void send(String event, TrackerRequest r, String url) {
        Ticket t = r.ticket();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("ticketId", t.ticketId().toString());
        body.put("fingerprint", t.fingerprint());
        body.put("pluginId", t.pluginId());
        body.put("tenantId", t.tenantId());
        body.put("title", t.title());
        body.put("reportId", r.reportId());
        body.put("url", url);
        body.put("comment", r.text());
        String target = config.url().orElseThrow(() -> new TrackerFailure(TrackerFailure.Kind.PERMANENT, "PX_TICKETS_WEBHOOK_URL is not set"));
        post.send("webhook " + event, target, config.secret().orElse(null), body);
    }
}
