package com.powerx.devhotload.ticket.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** ticket-bridge settings (env {@code PX_TICKETS_*}, {@code PX_NOTIFY_*}, {@code PX_DEBUG_TICKET_BRIDGE}; docs/ticket-bridge.md). */
@ConfigMapping(prefix = "px.tickets")
public interface TicketsConfig {

    /** {@code PX_DEBUG_TICKET_BRIDGE}: false → reports are still kept, but no ticket is opened, changed or closed. */
    @WithDefault("true")
    boolean enabled();

    /** {@code <plugin-id glob>=<provider>} pairs, first match wins. */
    @WithDefault("*=local")
    String routes();

    /** {@code <plugin-id glob>=<assignee>} pairs, first match wins. */
    Optional<String> owners();

    /** This instance's name in action leases. */
    @WithDefault("ticket-bridge")
    String instanceId();

    /** Base URL of this service: the {@code url} of a {@code local} ticket. */
    @WithDefault("http://127.0.0.1:8085")
    String publicUrl();

    /** A worker's hold on an action; an action left by a killed instance is taken up again once it runs out. */
    @WithDefault("30s")
    Duration lease();

    /** Actions performed at once by this instance. */
    @WithDefault("4")
    int workers();

    /** How often the queue is polled for work of other instances, retries and leases run out. */
    @WithDefault("500ms")
    Duration poll();

    /** First retry delay of a failed action; doubled per attempt up to {@link #backoffCap()}, with jitter. */
    @WithDefault("1s")
    Duration backoffBase();

    @WithDefault("5m")
    Duration backoffCap();

    /** Consecutive failures of one provider that open its circuit, and how long it then stays open. */
    @WithDefault("5")
    int circuitFailures();

    @WithDefault("30s")
    Duration circuitOpen();

    /** Timeout of one tracker or notification call. */
    @WithDefault("10s")
    Duration httpTimeout();

    /** A ticket without an occurrence for this long counts as "stopped recurring" in the autoclose rate. */
    @WithDefault("24h")
    Duration quietPeriod();

    Jira jira();

    GitHub github();

    Webhook webhook();

    Notify notifications();

    /** Jira Cloud REST v3. */
    interface Jira {
        Optional<String> url();
        Optional<String> user();
        Optional<String> token();
        Optional<String> project();
        /** Secret of Jira's webhook ({@code X-Hub-Signature}); unset → the generic webhook secret. */
        Optional<String> webhookSecret();
        @WithDefault("Bug")
        String issueType();
    }

    /** GitHub Issues REST. */
    interface GitHub {
        @WithDefault("https://api.github.com")
        String url();
        Optional<String> repo();
        Optional<String> token();
        /** Secret of GitHub's webhook ({@code X-Hub-Signature-256}); unset → the generic webhook secret. */
        Optional<String> webhookSecret();
    }

    /** The generic signed webhook provider. */
    interface Webhook {
        Optional<String> url();
        Optional<String> secret();
    }

    /** Alert notifications. */
    interface Notify {
        @WithDefault("critical,warning")
        String severities();
        Optional<String> slackWebhookUrl();
        Optional<String> webhookUrl();
    }
}
