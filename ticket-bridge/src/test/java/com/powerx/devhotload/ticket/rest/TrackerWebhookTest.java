package com.powerx.devhotload.ticket.rest;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.ticket.DebugEvents;
import com.powerx.devhotload.ticket.TicketApi;
import com.powerx.devhotload.ticket.TrackerStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both directions of the webhooks: the webhook provider's signed POSTs through a whole cycle, and tracker webhooks
 * coming in — a bad signature is 401 with nothing changed, a redelivery is ignored, a state_reason without a state
 * change counts for nothing, and a ticket closed by hand stays closed (a passed regression does not touch it) until a
 * new occurrence reopens it.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_tickets"))
@QuarkusTestResource(TrackerStubs.class)
class TrackerWebhookTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ISSUES = "/gh/repos/acme/counter/issues";
    private final WireMockServer stubs = TrackerStubs.server();
    private String tenant;
    private String session;
    private String fp;

    @BeforeEach
    void fresh() {
        stubs.resetAll();
        tenant = "wh-" + UUID.randomUUID().toString().substring(0, 8);
        session = UUID.randomUUID().toString();
        fp = "v1:" + UUID.randomUUID();
    }

    @Test
    void theWebhookProviderPostsSignedEventsThroughACycle() throws Exception {
        String plugin = "com.acme.hook." + tenant;
        stubs.stubFor(post(urlEqualTo("/hook")).willReturn(ok()));
        DebugEvents.publish(DebugEvents.report(tenant, plugin, session, "h1", fp, 1L, null));
        String ticketId = TicketApi.awaitTicket(tenant, plugin, j -> j.getString("key") != null, WAIT).getString("ticketId");
        DebugEvents.publish(DebugEvents.regression(tenant, plugin, session, "h1", "run-h1", fp, true, 2L, null));
        TicketApi.awaitTicket(tenant, plugin, j -> "closed".equals(j.getString("state")), WAIT);
        DebugEvents.publish(DebugEvents.report(tenant, plugin, session, "h2", fp, 3L, null));
        TicketApi.awaitTicket(tenant, plugin, j -> "open".equals(j.getString("state")), WAIT);
        List<LoggedRequest> posts = TrackerStubs.awaitRequests(postRequestedFor(urlEqualTo("/hook")).withRequestBody(containing(ticketId)), 3, WAIT);
        assertThat(posts).extracting(r -> JsonPath.from(r.getBodyAsString()).getString("event")).containsExactly("created", "closed", "reopened");
        for (LoggedRequest r : posts) {
            assertThat(r.getHeader("X-PX-Signature")).isEqualTo(TrackerStubs.sign(TrackerStubs.WEBHOOK_SECRET, r.getBody()));
        }
        assertThat(JsonPath.from(posts.get(2).getBodyAsString()).getString("reportId")).isEqualTo("h2");
    }

    @Test
    void aManualCloseInGitHubStaysClosedUntilANewOccurrence() throws Exception {
        String plugin = "com.acme.gh." + tenant;
        stubs.stubFor(get(urlPathEqualTo(ISSUES)).willReturn(okJson("[]")));
        stubs.stubFor(post(urlEqualTo(ISSUES)).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"number\":201,\"html_url\":\"https://github.com/acme/counter/issues/201\"}")));
        stubs.stubFor(post(urlEqualTo(ISSUES + "/201/comments")).willReturn(aResponse().withStatus(201).withBody("{}")));
        stubs.stubFor(patch(urlEqualTo(ISSUES + "/201")).willReturn(okJson("{}")));
        DebugEvents.publish(DebugEvents.report(tenant, plugin, session, "w1", fp, 1L, null));
        TicketApi.awaitTicket(tenant, plugin, j -> j.getString("key") != null, WAIT);

        String closed = issueEvent("closed", "not_planned");
        githubHook(closed, "sha256=" + "0".repeat(64), "d-1").then().statusCode(401).body("error_code", org.hamcrest.Matchers.equalTo("DEV_UNAUTHORIZED"));
        githubHook(closed, null, "d-1").then().statusCode(401);
        assertThat(TicketApi.tickets(tenant, plugin).getFirst().get("state")).isEqualTo("open");

        githubHook(issueEvent("edited", "completed"), sign(issueEvent("edited", "completed")), "d-0").then().statusCode(200)
                .body("data.applied", org.hamcrest.Matchers.equalTo(false));
        githubHook(closed, sign(closed), "d-1").then().statusCode(200).body("data.applied", org.hamcrest.Matchers.equalTo(true));
        githubHook(issueEvent("reopened", null), sign(issueEvent("reopened", null)), "d-1").then().statusCode(200)
                .body("data.applied", org.hamcrest.Matchers.equalTo(false)); // same delivery id: a redelivery
        JsonPath t = TicketApi.awaitTicket(tenant, plugin, j -> "closed".equals(j.getString("state")), WAIT);
        assertThat(t.getString("closedBy")).isEqualTo("tracker");

        DebugEvents.publish(DebugEvents.regression(tenant, plugin, session, "w1", "run-w1", fp, true, 2L, null));
        Thread.sleep(1500);
        assertThat(TicketApi.tickets(tenant, plugin).getFirst().get("closedBy")).isEqualTo("tracker");
        stubs.verify(0, patchRequestedFor(urlEqualTo(ISSUES + "/201")));

        DebugEvents.publish(DebugEvents.report(tenant, plugin, session, "w2", fp, 3L, null));
        TicketApi.awaitTicket(tenant, plugin, j -> "open".equals(j.getString("state")), WAIT);
        TrackerStubs.awaitRequests(patchRequestedFor(urlEqualTo(ISSUES + "/201")).withRequestBody(matchingJsonPath("$.state", equalTo("open"))), 1, WAIT);
    }

    private static String issueEvent(String action, String stateReason) {
        return "{\"action\":\"" + action + "\",\"issue\":{\"number\":201,\"state\":\"" + ("reopened".equals(action) ? "open" : "closed")
                + "\",\"state_reason\":" + (stateReason == null ? "null" : "\"" + stateReason + "\"")
                + "},\"repository\":{\"full_name\":\"acme/counter\"}}";
    }

    private static String sign(String body) {
        return TrackerStubs.sign(TrackerStubs.GITHUB_SECRET, body.getBytes(StandardCharsets.UTF_8));
    }

    private static io.restassured.response.Response githubHook(String body, String signature, String delivery) {
        var request = given().contentType("application/json").header("X-GitHub-Event", "issues").header("X-GitHub-Delivery", delivery)
                .body(body.getBytes(StandardCharsets.UTF_8));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return request.when().post("/internal/ticket/webhook/github");
    }
}
