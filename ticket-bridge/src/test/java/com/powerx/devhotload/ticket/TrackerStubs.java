package com.powerx.devhotload.ticket;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One WireMock server standing in for the outside receivers only — Jira, GitHub, the webhook receiver, Slack and the
 * notification webhook — under distinct path prefixes, with the bridge's config pointed at it. PostgreSQL and Kafka
 * are the real ones of libs/devstack. Retry timings are shortened so outages pass within a test.
 */
public class TrackerStubs implements QuarkusTestResourceLifecycleManager {

    public static final String WEBHOOK_SECRET = "test-webhook-secret";
    public static final String GITHUB_SECRET = "test-github-secret";
    public static final String JIRA_SECRET = "test-jira-secret";
    public static final String GITHUB_TOKEN = "ghp_testtoken_never_logged";
    private static WireMockServer server;

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(8).jettyAcceptors(1));
            server.start();
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        String base = server().baseUrl();
        Map<String, String> c = new HashMap<>();
        c.put("px.tickets.routes", "com.acme.jira*=jira,com.acme.gh*=github,com.acme.hook*=webhook,*=local");
        c.put("px.tickets.owners", "com.acme.gh*=octocat,*=ops");
        c.put("px.tickets.jira.url", base + "/jira");
        c.put("px.tickets.jira.user", "bot@acme.test");
        c.put("px.tickets.jira.token", "jira-token-never-logged");
        c.put("px.tickets.jira.project", "PX");
        c.put("px.tickets.jira.webhook-secret", JIRA_SECRET);
        c.put("px.tickets.github.url", base + "/gh");
        c.put("px.tickets.github.repo", "acme/counter");
        c.put("px.tickets.github.token", GITHUB_TOKEN);
        c.put("px.tickets.github.webhook-secret", GITHUB_SECRET);
        c.put("px.tickets.webhook.url", base + "/hook");
        c.put("px.tickets.webhook.secret", WEBHOOK_SECRET);
        c.put("px.tickets.notifications.slack-webhook-url", base + "/slack");
        c.put("px.tickets.notifications.webhook-url", base + "/notify");
        c.put("px.tickets.backoff-base", "200ms");
        c.put("px.tickets.backoff-cap", "1s");
        c.put("px.tickets.circuit-open", "1s");
        c.put("px.tickets.poll", "200ms");
        c.put("px.tickets.http-timeout", "3s");
        return c;
    }

    /** Waits until WireMock logged at least {@code count} requests matching {@code pattern}; returns them. */
    public static List<LoggedRequest> awaitRequests(RequestPatternBuilder pattern, int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        List<LoggedRequest> found = server().findAll(pattern);
        while (found.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            found = server().findAll(pattern);
        }
        if (found.size() < count) {
            throw new AssertionError("expected " + count + " requests like " + pattern.build() + ", got " + found.size());
        }
        return found;
    }

    /** HMAC-SHA256 of {@code body} as {@code sha256=<hex>}, computed here independently of the bridge's code. */
    public static String sign(String secret, byte[] body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        // Shared across test classes; the JVM's exit stops it.
    }
}
