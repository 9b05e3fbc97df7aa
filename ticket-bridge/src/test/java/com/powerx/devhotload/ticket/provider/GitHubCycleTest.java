package com.powerx.devhotload.ticket.provider;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
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

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GitHub Issues, simulated from its documented shapes: the full cycle (create with the fingerprint label, close with
 * {@code state_reason: completed}, reopen with a "Regressed" comment), a 429 with {@code Retry-After} honoured, and a
 * create answered 500 although GitHub made the issue — found by its label, never created twice.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_tickets"))
@QuarkusTestResource(TrackerStubs.class)
class GitHubCycleTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ISSUES = "/gh/repos/acme/counter/issues";
    private final WireMockServer gh = TrackerStubs.server();
    private String tenant;
    private String plugin;
    private String session;
    private String fp;

    @BeforeEach
    void fresh() {
        gh.resetAll();
        tenant = "gh-" + UUID.randomUUID().toString().substring(0, 8);
        plugin = "com.acme.gh." + tenant;
        session = UUID.randomUUID().toString();
        fp = "v1:" + UUID.randomUUID();
    }

    @Test
    void fullCycleCreateCloseReopen() throws Exception {
        stubIssue(101);
        DebugEvents.publish(DebugEvents.report(tenant, plugin, session, "g1", fp, 2L, "sha256:a2"));
        JsonPath t = TicketApi.awaitTicket(tenant, plugin, j -> j.getString("key") != null, WAIT);
        assertThat(t.getString("key")).isEqualTo("acme/counter#101");
        assertThat(t.getString("url")).isEqualTo("https://github.com/acme/counter/issues/101");
        gh.verify(postRequestedFor(urlEqualTo(ISSUES)).withHeader("Authorization", equalTo("Bearer " + TrackerStubs.GITHUB_TOKEN))
                .withRequestBody(matchingJsonPath("$.labels[?(@ == 'px-debug')]"))
                .withRequestBody(matchingJsonPath("$.labels[?(@ =~ /px-fp-[0-9a-f]{20}/)]"))
                .withRequestBody(matchingJsonPath("$.assignees[0]", equalTo("octocat"))));

        DebugEvents.publish(DebugEvents.regression(tenant, plugin, session, "g1", "run-g1", fp, true, 3L, "sha256:a3"));
        TicketApi.awaitTicket(tenant, plugin, j -> "closed".equals(j.getString("state")), WAIT);
        awaitRequests(patchRequestedFor(urlEqualTo(ISSUES + "/101")).withRequestBody(equalToJson("{\"state\":\"closed\",\"state_reason\":\"completed\"}")), 1);
        awaitRequests(postRequestedFor(urlEqualTo(ISSUES + "/101/comments")).withRequestBody(containing("run-g1")), 1);

        DebugEvents.publish(DebugEvents.report(tenant, plugin, session, "g2", fp, 4L, "sha256:a4"));
        TicketApi.awaitTicket(tenant, plugin, j -> "open".equals(j.getString("state")), WAIT);
        awaitRequests(patchRequestedFor(urlEqualTo(ISSUES + "/101")).withRequestBody(matchingJsonPath("$.state", equalTo("open"))), 1);
        awaitRequests(postRequestedFor(urlEqualTo(ISSUES + "/101/comments")).withRequestBody(containing("Regressed")).withRequestBody(containing("g2")), 1);
        gh.verify(1, postRequestedFor(urlEqualTo(ISSUES)));
    }

    @Test
    void aRateLimitIsWaitedOutForItsRetryAfter() throws Exception {
        stubIssue(102);
        gh.stubFor(post(urlEqualTo(ISSUES + "/102/comments")).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("limited"));
        gh.stubFor(post(urlEqualTo(ISSUES + "/102/comments")).inScenario("limit").whenScenarioStateIs("limited")
                .willReturn(aResponse().withStatus(201).withBody("{}")));
        DebugEvents.publish(DebugEvents.report(tenant, plugin, session, "l1", fp, 1L, null));
        TicketApi.awaitTicket(tenant, plugin, j -> j.getString("key") != null, WAIT);
        DebugEvents.publish(DebugEvents.report(tenant, plugin, session, "l2", fp, 2L, null));
        List<LoggedRequest> tries = awaitRequests(postRequestedFor(urlEqualTo(ISSUES + "/102/comments")), 2);
        long gap = tries.get(1).getLoggedDate().getTime() - tries.get(0).getLoggedDate().getTime();
        assertThat(gap).isGreaterThanOrEqualTo(2000);
    }

    @Test
    void aCreateAnswered500AfterTheIssueWasMadeIsNotRepeated() throws Exception {
        gh.stubFor(get(urlPathEqualTo(ISSUES)).inScenario("lost").whenScenarioStateIs(Scenario.STARTED).willReturn(okJson("[]")));
        gh.stubFor(post(urlEqualTo(ISSUES)).inScenario("lost").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("made"));
        gh.stubFor(get(urlPathEqualTo(ISSUES)).inScenario("lost").whenScenarioStateIs("made")
                .willReturn(okJson("[{\"number\":103,\"html_url\":\"https://github.com/acme/counter/issues/103\"}]")));
        DebugEvents.publish(DebugEvents.report(tenant, plugin, session, "x1", fp, 1L, null));
        JsonPath t = TicketApi.awaitTicket(tenant, plugin, j -> j.getString("key") != null, WAIT);
        assertThat(t.getString("key")).isEqualTo("acme/counter#103");
        gh.verify(1, postRequestedFor(urlEqualTo(ISSUES)));
        gh.verify(getRequestedFor(urlPathEqualTo(ISSUES)).withQueryParam("labels", matching("px-fp-[0-9a-f]{20}")));
    }

    @Test
    void reconcileReadsTheTrackerAndFixesDrift() throws Exception {
        stubIssue(104);
        DebugEvents.publish(DebugEvents.report(tenant, plugin, session, "d1", fp, 1L, null));
        TicketApi.awaitTicket(tenant, plugin, j -> j.getString("key") != null, WAIT);
        // Closed as not planned in GitHub while no webhook reached us.
        gh.stubFor(get(urlEqualTo(ISSUES + "/104")).willReturn(okJson("{\"number\":104,\"state\":\"closed\",\"state_reason\":\"not_planned\"}")));
        TicketApi.admin(tenant).contentType("application/json").body("{\"pluginId\":\"" + plugin + "\"}").post("/internal/ticket/reconcile")
                .then().statusCode(202).body("data.tickets", org.hamcrest.Matchers.equalTo(1));
        JsonPath t = TicketApi.awaitTicket(tenant, plugin, j -> "closed".equals(j.getString("state")), WAIT);
        assertThat(t.getString("closedBy")).isEqualTo("tracker");
        gh.verify(0, patchRequestedFor(urlEqualTo(ISSUES + "/104")));
    }

    private void stubIssue(int number) {
        gh.stubFor(get(urlPathEqualTo(ISSUES)).willReturn(okJson("[]")));
        gh.stubFor(post(urlEqualTo(ISSUES)).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"number\":" + number + ",\"html_url\":\"https://github.com/acme/counter/issues/" + number + "\"}")));
        gh.stubFor(post(urlEqualTo(ISSUES + "/" + number + "/comments")).atPriority(10).willReturn(aResponse().withStatus(201).withBody("{}")));
        gh.stubFor(patch(urlEqualTo(ISSUES + "/" + number)).willReturn(okJson("{}")));
    }

    private static List<LoggedRequest> awaitRequests(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern, int count)
            throws InterruptedException {
        return TrackerStubs.awaitRequests(pattern, count, WAIT);
    }
}
