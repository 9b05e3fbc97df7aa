package com.powerx.devhotload.telemetry.service;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.contracts.payload.Alert;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.EventProbe;
import com.powerx.devhotload.telemetry.Eventually;
import com.powerx.devhotload.telemetry.SessionEvents;
import com.powerx.devhotload.telemetry.rest.TelemetryApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static com.powerx.devhotload.telemetry.rest.TelemetryApi.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/** The alert rules of CONTRACT.md §6, driven by the real event shapes on Kafka. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class AlertRulesTest {

    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void fiveFailedReloadsFireExactlyOnceRepeatsCountAndASuccessResolves() {
        String session = newSession("plugin-streak");
        try (EventProbe probe = EventProbe.open(SessionEvents.bootstrap(), Topics.DEBUG_ALERT)) {
            for (int i = 1; i <= 4; i++) {
                SessionEvents.publish(SessionEvents.rolledBack("local", "plugin-streak", session, i));
            }
            Eventually.failedReloads("local", session, 4);
            assertThat(probe.during(alert(EventTypes.ALERT_RAISED, session), QUIET)).as("4 failures do not fire").isEmpty();

            SessionEvents.publish(SessionEvents.rolledBack("local", "plugin-streak", session, 5));
            List<CloudEvent> raised = probe.await(alert(EventTypes.ALERT_RAISED, session), 1, WAIT);
            assertThat(raised).hasSize(1);
            Alert alert = EventCodec.payload(raised.getFirst(), Alert.class);
            assertThat(alert.rule()).isEqualTo("reload-failure-streak");
            assertThat(alert.severity()).isEqualTo("critical");
            assertThat(raised.getFirst().data().path("window").path("from").isTextual()).isTrue();
            assertThat(raised.getFirst().data().path("traceIds")).hasSize(5);

            SessionEvents.publish(SessionEvents.rolledBack("local", "plugin-streak", session, 6));
            Eventually.failedReloads("local", session, 6);
            assertThat(probe.during(alert(EventTypes.ALERT_RAISED, session), QUIET)).as("a repeat is not published").hasSize(1);
            TelemetryApi.alerts("status=open&sessionId=" + session).body("data.items", hasSize(1))
                    .body("data.items[0].count", equalTo(2))
                    .body("data.items[0].alertId", equalTo(alert.alertId()))
                    .body("data.items[0].window.from", notNullValue());

            SessionEvents.publish(SessionEvents.reloaded("local", "plugin-streak", session, 7, 40));
            List<CloudEvent> resolved = probe.await(alert(EventTypes.ALERT_RESOLVED, session), 1, WAIT);
            assertThat(resolved).hasSize(1);
            assertThat(resolved.getFirst().data().path("alertId").asText()).isEqualTo(alert.alertId());
            TelemetryApi.alerts("status=resolved&sessionId=" + session).body("data.items", hasSize(1))
                    .body("data.items[0].resolvedAt", notNullValue());
            TelemetryApi.alerts("status=open&sessionId=" + session).body("data.items", hasSize(0));
        }
    }

    @Test
    void aSuccessInBetweenResetsTheStreak() {
        String session = newSession("plugin-reset");
        try (EventProbe probe = EventProbe.open(SessionEvents.bootstrap(), Topics.DEBUG_ALERT)) {
            for (int i = 1; i <= 3; i++) {
                SessionEvents.publish(SessionEvents.rolledBack("local", "plugin-reset", session, i));
            }
            SessionEvents.publish(SessionEvents.reloaded("local", "plugin-reset", session, 4, 30));
            for (int i = 5; i <= 8; i++) {
                SessionEvents.publish(SessionEvents.rolledBack("local", "plugin-reset", session, i));
            }
            Eventually.failedReloads("local", session, 7);
            assertThat(probe.during(alert(EventTypes.ALERT_RAISED, session), QUIET)).isEmpty();
        }
    }

    @Test
    void threeCrashesInFiveMinutesAreACrashLoopResolvedWhenTheSessionEnds() {
        String session = newSession("plugin-crash");
        try (EventProbe probe = EventProbe.open(SessionEvents.bootstrap(), Topics.DEBUG_ALERT)) {
            SessionEvents.publish(SessionEvents.crashed("local", "plugin-crash", session, 0),
                    SessionEvents.crashed("local", "plugin-crash", session, 1));
            assertThat(probe.during(alert(EventTypes.ALERT_RAISED, session), QUIET)).isEmpty();
            SessionEvents.publish(SessionEvents.crashed("local", "plugin-crash", session, 2));
            List<CloudEvent> raised = probe.await(alert(EventTypes.ALERT_RAISED, session), 1, WAIT);
            assertThat(raised).hasSize(1);
            assertThat(raised.getFirst().data().path("rule").asText()).isEqualTo("sandbox-crash-loop");
            assertThat(raised.getFirst().data().path("severity").asText()).isEqualTo("critical");

            SessionEvents.publish(SessionEvents.terminated("local", "plugin-crash", session));
            assertThat(probe.await(alert(EventTypes.ALERT_RESOLVED, session), 1, WAIT)).hasSize(1);
        }
    }

    @Test
    void moreThanThreeOversizeBundlesOfAPluginIn24hWarnOnceForThePlugin() {
        String plugin = "plugin-big-" + UUID.randomUUID();
        String s1 = newSession(plugin);
        String s2 = newSession(plugin);
        try (EventProbe probe = EventProbe.open(SessionEvents.bootstrap(), Topics.DEBUG_ALERT)) {
            Predicate<CloudEvent> oversize = e -> e.type().equals(EventTypes.ALERT_RAISED) && plugin.equals(e.pluginid());
            TelemetryApi.post(List.of(event("dev.hotload.cli_bundle_oversize", s1, null),
                    event("dev.hotload.cli_bundle_oversize", s2, null),
                    event("dev.hotload.cli_bundle_oversize", s1, null))).statusCode(202).body("data.accepted", equalTo(3));
            assertThat(probe.during(oversize, QUIET)).as("3 in 24 h are allowed").isEmpty();
            TelemetryApi.post(List.of(event("dev.hotload.cli_bundle_oversize", s2, null))).statusCode(202);
            List<CloudEvent> raised = probe.await(oversize, 1, WAIT);
            assertThat(raised).hasSize(1);
            assertThat(raised.getFirst().data().path("rule").asText()).isEqualTo("bundle-oversize");
            assertThat(raised.getFirst().data().path("severity").asText()).isEqualTo("warning");
            assertThat(raised.getFirst().data().has("sessionId")).isFalse();
            TelemetryApi.post(List.of(event("dev.hotload.cli_bundle_oversize", s1, null))).statusCode(202);
            assertThat(probe.during(oversize, QUIET)).hasSize(1);
            TelemetryApi.alerts("status=open&pluginId=" + plugin).body("data.items", hasSize(1)).body("data.items[0].count", equalTo(2));
        }
    }

    private static String newSession(String plugin) {
        String session = UUID.randomUUID().toString();
        SessionEvents.register("local", plugin, session);
        Eventually.sessionKnown("local", session);
        return session;
    }

    private static Predicate<CloudEvent> alert(String type, String session) {
        return e -> e.type().equals(type) && session.equals(e.sessionid());
    }
}
