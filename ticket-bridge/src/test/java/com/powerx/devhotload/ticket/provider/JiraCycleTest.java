package com.powerx.devhotload.ticket.provider;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.ticket.DebugEvents;
import com.powerx.devhotload.ticket.TicketApi;
import com.powerx.devhotload.ticket.TrackerStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jira Cloud REST v3, simulated from its documented shapes: create with an ADF description and the fingerprint label,
 * transitions chosen from the issue's list by name and status category (a "Won't Do" in category done is passed
 * over), a Jira outage (503s) in the middle of the cycle that loses nothing, and a workflow without a done
 * transition, which is a visible error with a metric.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_tickets"))
@QuarkusTestResource(TrackerStubs.class)
class JiraCycleTest {

    private static final Duration WAIT = Duration.ofSeconds(25);
    private static final String API = "/jira/rest/api/3";
    private static final String TRANSITIONS = "{\"transitions\":["
            + "{\"id\":\"11\",\"name\":\"Start Progress\",\"to\":{\"name\":\"In Progress\",\"statusCategory\":{\"key\":\"indeterminate\"}}},"
            + "{\"id\":\"21\",\"name\":\"Won't Do\",\"to\":{\"name\":\"Won't Do\",\"statusCategory\":{\"key\":\"done\"}}},"
            + "{\"id\":\"31\",\"name\":\"Resolve\",\"to\":{\"name\":\"Resolved\",\"statusCategory\":{\"key\":\"done\"}}},"
            + "{\"id\":\"41\",\"name\":\"Reopen\",\"to\":{\"name\":\"To Do\",\"statusCategory\":{\"key\":\"new\"}}}]}";

    private final WireMockServer jira = TrackerStubs.server();
    @Inject
    Pool pool;
    private String tenant;
    private String plugin;
    private String session;
    private String fp;

    @BeforeEach
    void fresh() {
        jira.resetAll();
        tenant = "jira-" + UUID.randomUUID().toString().substring(0, 8);
        plugin = "com.acme.jira." + tenant;
        session = UUID.randomUUID().toString();
        fp = "v1:" + UUID.randomUUID();
    }

    @Test
    void fullCycleThroughAnOutage() throws Exception {
        stubIssue("10001", "PX-1", TRANSITIONS);
        // Jira is down for the first two tries of the close transition.
        String execute = API + "/issue/10001/transitions";
        jira.stubFor(post(urlEqualTo(execute)).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("still"));
        jira.stubFor(post(urlEqualTo(execute)).inScenario("outage").whenScenarioStateIs("still")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        jira.stubFor(post(urlEqualTo(execute)).inScenario("outage").whenScenarioStateIs("up").willReturn(aResponse().withStatus(204)));

        DebugEvents.publish(DebugEvents.report(tenant, plugin, session, "j1", fp, 1L, "sha256:c1"));
        JsonPath t = TicketApi.awaitTicket(tenant, plugin, j -> j.getString("key") != null, WAIT);
        assertThat(t.getString("key")).isEqualTo("PX-1");
        assertThat(t.getString("url")).endsWith("/jira/browse/PX-1");
        jira.verify(postRequestedFor(urlEqualTo(API + "/issue")).withHeader("Authorization", matching("Basic .+"))
                .withRequestBody(matchingJsonPath("$.fields.description.type", equalTo("doc")))
                .withRequestBody(matchingJsonPath("$.fields.project.key", equalTo("PX")))
                .withRequestBody(matchingJsonPath("$.fields.labels[?(@ =~ /px-fp-[0-9a-f]{20}/)]")));

        DebugEvents.publish(DebugEvents.regression(tenant, plugin, session, "j1", "run-j1", fp, true, 2L, "sha256:c2"));
        TicketApi.awaitTicket(tenant, plugin, j -> "closed".equals(j.getString("state")), WAIT);
        TrackerStubs.awaitRequests(postRequestedFor(urlEqualTo(API + "/issue/10001/comment")).withRequestBody(containing("run-j1")), 1, WAIT);
        assertThat(jira.findAll(postRequestedFor(urlEqualTo(execute)))).hasSize(3)
                .allSatisfy(r -> assertThat(r.getBodyAsString()).contains("\"31\""));

        stubStatus("10001", DONE); // what Jira now shows: the reopen reads it first
        DebugEvents.publish(DebugEvents.report(tenant, plugin, session, "j2", fp, 3L, "sha256:c3"));
        TicketApi.awaitTicket(tenant, plugin, j -> "open".equals(j.getString("state")), WAIT);
        TrackerStubs.awaitRequests(postRequestedFor(urlEqualTo(execute)).withRequestBody(containing("\"41\"")), 1, WAIT);
        TrackerStubs.awaitRequests(postRequestedFor(urlEqualTo(API + "/issue/10001/comment")).withRequestBody(containing("Regressed")), 1, WAIT);
        jira.verify(1, postRequestedFor(urlEqualTo(API + "/issue")));
    }

    /**
     * The transition to Done is applied but its answer lost (503): the retry finds a Done issue, which offers only
     * "Reopen" — the close completes with its comment instead of a missing-transition error retried for ever. Then a
     * reopen whose answer is lost: the retry finds the issue open and only comments, never taking "Start Progress".
     */
    @Test
    void transitionsWhoseAnswerWasLostAreNotRepeated() throws Exception {
        stubIssue("10003", "PX-3", TRANSITIONS);
        String execute = API + "/issue/10003/transitions";
        String afterClose = "{\"transitions\":[{\"id\":\"41\",\"name\":\"Reopen\",\"to\":{\"name\":\"To Do\",\"statusCategory\":{\"key\":\"new\"}}}]}";
        jira.stubFor(post(urlEqualTo(execute)).inScenario("lost").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("done"));
        jira.stubFor(get(urlEqualTo(execute)).inScenario("lost").whenScenarioStateIs("done").willReturn(okJson(afterClose)));
        jira.stubFor(get(urlPathEqualTo(API + "/issue/10003")).inScenario("lost").whenScenarioStateIs("done").willReturn(okJson(DONE)));

        DebugEvents.publish(DebugEvents.report(tenant, plugin, session, "l1", fp, 1L, null));
        TicketApi.awaitTicket(tenant, plugin, j -> j.getString("key") != null, WAIT);
        DebugEvents.publish(DebugEvents.regression(tenant, plugin, session, "l1", "run-l1", fp, true, 2L, null));
        TrackerStubs.awaitRequests(postRequestedFor(urlEqualTo(API + "/issue/10003/comment")).withRequestBody(containing("run-l1")), 1, WAIT);
        assertThat(jira.findAll(postRequestedFor(urlEqualTo(execute)))).as("the lost transition is not sent again").hasSize(1);

        // Reopen: the transition to To Do is applied, its answer lost; the retry reads an open issue.
        jira.stubFor(post(urlEqualTo(execute)).inScenario("lost").whenScenarioStateIs("done")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("reopened"));
        jira.stubFor(get(urlEqualTo(execute)).inScenario("lost").whenScenarioStateIs("reopened").willReturn(okJson(TRANSITIONS)));
        jira.stubFor(get(urlPathEqualTo(API + "/issue/10003")).inScenario("lost").whenScenarioStateIs("reopened").willReturn(okJson(TO_DO)));
        DebugEvents.publish(DebugEvents.report(tenant, plugin, session, "l2", fp, 3L, null));
        TrackerStubs.awaitRequests(postRequestedFor(urlEqualTo(API + "/issue/10003/comment")).withRequestBody(containing("Regressed")), 1, WAIT);
        assertThat(jira.findAll(postRequestedFor(urlEqualTo(execute)))).extracting(r -> r.getBodyAsString())
                .as("one close, one reopen, nothing else").hasSize(2).noneMatch(b -> b.contains("\"11\""));
        assertThat(pool.preparedQuery("SELECT count(*) FROM ticket_action a JOIN ticket t ON t.ticket_id = a.ticket_id "
                        + "WHERE t.tenant_id = $1 AND a.status = 'pending'").execute(Tuple.of(tenant))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0)).as("no action left pending").isZero();
    }

    @Test
    void aWorkflowWithoutADoneTransitionIsAVisibleError() throws Exception {
        stubIssue("10002", "PX-2", "{\"transitions\":[{\"id\":\"21\",\"name\":\"Won't Do\",\"to\":{\"name\":\"Won't Do\","
                + "\"statusCategory\":{\"key\":\"done\"}}}]}");
        DebugEvents.publish(DebugEvents.report(tenant, plugin, session, "m1", fp, 1L, null));
        JsonPath t = TicketApi.awaitTicket(tenant, plugin, j -> j.getString("key") != null, WAIT);
        DebugEvents.publish(DebugEvents.regression(tenant, plugin, session, "m1", "run-m1", fp, true, 2L, null));
        long deadline = System.nanoTime() + WAIT.toNanos();
        String error = null;
        while (error == null && System.nanoTime() < deadline) {
            Thread.sleep(200);
            error = pool.preparedQuery("SELECT last_error FROM ticket_action WHERE ticket_id = $1 AND kind = 'close' AND status = 'pending'")
                    .execute(Tuple.of(UUID.fromString(t.getString("ticketId")))).await().atMost(Duration.ofSeconds(5))
                    .stream().map(r -> r.getString(0)).filter(e -> e != null).findFirst().orElse(null);
        }
        assertThat(error).contains("PX-2").contains("no transition");
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("debug_ticket_transition_missing_total\\{[^}]*provider=\"jira\"[^}]*} [1-9]");
        jira.verify(0, postRequestedFor(urlEqualTo(API + "/issue/10002/transitions")));
    }

    private static final String DONE = "{\"fields\":{\"status\":{\"name\":\"Resolved\",\"statusCategory\":{\"key\":\"done\"}},"
            + "\"resolution\":{\"name\":\"Fixed\"}}}";
    private static final String TO_DO = "{\"fields\":{\"status\":{\"name\":\"To Do\",\"statusCategory\":{\"key\":\"new\"}},"
            + "\"resolution\":null}}";

    private void stubStatus(String id, String issue) {
        jira.stubFor(get(urlPathEqualTo(API + "/issue/" + id)).willReturn(okJson(issue)));
    }

    private void stubIssue(String id, String key, String transitions) {
        stubStatus(id, TO_DO);
        jira.stubFor(post(urlEqualTo(API + "/search/jql")).willReturn(okJson("{\"issues\":[]}")));
        jira.stubFor(post(urlEqualTo(API + "/issue")).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"" + id + "\",\"key\":\"" + key + "\",\"self\":\"x\"}")));
        jira.stubFor(post(urlEqualTo(API + "/issue/" + id + "/comment")).willReturn(aResponse().withStatus(201).withBody("{}")));
        jira.stubFor(get(urlEqualTo(API + "/issue/" + id + "/transitions")).willReturn(okJson(transitions)));
    }
}
