package com.powerx.devhotload.ticket.service;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.ticket.DebugEvents;
import com.powerx.devhotload.ticket.TrackerStubs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts reach Slack and the signed notification webhook once when opened and once when resolved — not once per repeat
 * (the alert event repeats with a raised count); alerts of a severity not in PX_NOTIFY_SEVERITIES are not sent. A
 * Slack outage on the first try loses nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_tickets"))
@QuarkusTestResource(TrackerStubs.class)
class AlertNotificationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final WireMockServer stubs = TrackerStubs.server();

    @Test
    void oneMessagePerAlertStateChange() throws Exception {
        stubs.resetAll();
        stubs.stubFor(post(urlEqualTo("/slack")).inScenario("slack").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        stubs.stubFor(post(urlEqualTo("/slack")).inScenario("slack").whenScenarioStateIs("up").willReturn(ok("ok")));
        stubs.stubFor(post(urlEqualTo("/notify")).willReturn(ok()));
        String tenant = "al-" + UUID.randomUUID().toString().substring(0, 8);
        String plugin = "com.acme.alerts";
        String alertId = "alert-" + UUID.randomUUID();
        String quiet = "alert-" + UUID.randomUUID();

        DebugEvents.publish(DebugEvents.alert(tenant, plugin, alertId, "critical", 5), DebugEvents.alert(tenant, plugin, alertId, "critical", 6),
                DebugEvents.alert(tenant, plugin, alertId, "critical", 7), DebugEvents.alert(tenant, plugin, quiet, "info", 1));
        TrackerStubs.awaitRequests(postRequestedFor(urlEqualTo("/slack")), 2, WAIT); // the 503, then the message
        List<LoggedRequest> hooks = TrackerStubs.awaitRequests(postRequestedFor(urlEqualTo("/notify")), 1, WAIT);
        Thread.sleep(1500);
        assertThat(stubs.findAll(postRequestedFor(urlEqualTo("/slack")).withRequestBody(containing(plugin)))).hasSize(2);
        assertThat(stubs.findAll(postRequestedFor(urlEqualTo("/notify")))).hasSize(1);
        JsonPath opened = JsonPath.from(hooks.getFirst().getBodyAsString());
        assertThat(opened.getString("event")).isEqualTo("alert.opened");
        assertThat(opened.getString("alertId")).isEqualTo(alertId);
        assertThat(hooks.getFirst().getHeader("X-PX-Signature")).isEqualTo(TrackerStubs.sign(TrackerStubs.WEBHOOK_SECRET, hooks.getFirst().getBody()));

        DebugEvents.publish(DebugEvents.resolved(tenant, plugin, alertId), DebugEvents.resolved(tenant, plugin, alertId),
                DebugEvents.resolved(tenant, plugin, quiet));
        TrackerStubs.awaitRequests(postRequestedFor(urlEqualTo("/notify")), 2, WAIT);
        TrackerStubs.awaitRequests(postRequestedFor(urlEqualTo("/slack")).withRequestBody(containing("resolved")), 1, WAIT);
        Thread.sleep(1500);
        assertThat(stubs.findAll(postRequestedFor(urlEqualTo("/notify")))).hasSize(2)
                .extracting(r -> JsonPath.from(r.getBodyAsString()).getString("event")).containsExactly("alert.opened", "alert.resolved");
        assertThat(stubs.findAll(postRequestedFor(urlEqualTo("/slack")))).hasSize(3);
    }
}
