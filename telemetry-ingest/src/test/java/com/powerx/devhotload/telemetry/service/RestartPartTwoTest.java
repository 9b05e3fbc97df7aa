package com.powerx.devhotload.telemetry.service;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.EventProbe;
import com.powerx.devhotload.telemetry.Eventually;
import com.powerx.devhotload.telemetry.SessionEvents;
import com.powerx.devhotload.telemetry.rest.TelemetryApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static com.powerx.devhotload.telemetry.rest.TelemetryApi.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Runs on a restarted application (its own profile, with a fast clock for the telemetry-gap rule): the streak begun
 * before the restart still fires at the fifth failure, exactly once; and the clock-driven rule.
 */
@QuarkusTest
@TestProfile(RestartPartTwoTest.FastClock.class)
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class RestartPartTwoTest {

    /** Another profile makes Quarkus restart the application; a short gap and sweep make the gap rule testable. */
    public static class FastClock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("px.alert.telemetry-gap", "2s", "px.alert.sweep-every", "1s");
        }
    }

    @Test
    void aStreakBegunBeforeTheRestartFiresAtTheFifthFailure() {
        String session = System.getProperty(RestartPartOneTest.SESSION_PROPERTY);
        Assumptions.assumeTrue(session != null, "RestartPartOneTest runs first (Quarkus orders profiled tests last)");
        Predicate<CloudEvent> raised = e -> e.type().equals(EventTypes.ALERT_RAISED) && session.equals(e.sessionid());
        try (EventProbe probe = EventProbe.open(SessionEvents.bootstrap(), Topics.DEBUG_ALERT)) {
            SessionEvents.publish(SessionEvents.rolledBack("local", "plugin-restart", session, 4));
            Eventually.failedReloads("local", session, 4);
            assertThat(probe.during(raised, Duration.ofSeconds(2))).isEmpty();
            SessionEvents.publish(SessionEvents.rolledBack("local", "plugin-restart", session, 5));
            assertThat(probe.await(raised, 1, Duration.ofSeconds(20))).hasSize(1);
            assertThat(probe.during(raised, Duration.ofSeconds(2))).hasSize(1);
        }
    }

    @Test
    void aSilentCliOpensATelemetryGapOnlyForSessionsThatSentTelemetry() {
        String chatty = UUID.randomUUID().toString();
        String silent = UUID.randomUUID().toString();
        SessionEvents.register("local", "plugin-gap", chatty);
        SessionEvents.register("local", "plugin-gap", silent);
        Eventually.sessionKnown("local", chatty);
        Eventually.sessionKnown("local", silent);
        Predicate<CloudEvent> gap = e -> e.type().equals(EventTypes.ALERT_RAISED) && "telemetry-gap".equals(e.data().path("rule").asText());
        try (EventProbe probe = EventProbe.open(SessionEvents.bootstrap(), Topics.DEBUG_ALERT)) {
            TelemetryApi.post(List.of(event("dev.hotload.cli_build_time_ms", chatty, 12))).statusCode(202);
            List<CloudEvent> raised = probe.await(gap.and(e -> chatty.equals(e.sessionid())), 1, Duration.ofSeconds(20));
            assertThat(raised).hasSize(1);
            assertThat(raised.getFirst().data().path("severity").asText()).isEqualTo("info");
            assertThat(probe.during(gap.and(e -> silent.equals(e.sessionid())), Duration.ofSeconds(2))).isEmpty();
            TelemetryApi.alerts("status=open&sessionId=" + chatty).body("data.items", hasSize(1))
                    .body("data.items[0].rule", equalTo("telemetry-gap"));

            TelemetryApi.post(List.of(event("dev.hotload.cli_build_time_ms", chatty, 12))).statusCode(202);
            assertThat(probe.await(e -> e.type().equals(EventTypes.ALERT_RESOLVED) && chatty.equals(e.sessionid()), 1,
                    Duration.ofSeconds(20))).hasSize(1);
        }
    }
}
