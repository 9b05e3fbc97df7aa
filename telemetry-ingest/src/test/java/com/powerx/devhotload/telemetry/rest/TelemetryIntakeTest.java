package com.powerx.devhotload.telemetry.rest;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.EventProbe;
import com.powerx.devhotload.telemetry.Eventually;
import com.powerx.devhotload.telemetry.SessionEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.powerx.devhotload.telemetry.rest.TelemetryApi.event;
import static com.powerx.devhotload.telemetry.rest.TelemetryApi.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** {@code POST /internal/dev/telemetry}: partial acceptance, limits, credentials, and acks before the 202. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class TelemetryIntakeTest {

    @Test
    void badEventsAreRejectedWithTheirReasonAndNeverPublished() {
        String session = UUID.randomUUID().toString();
        SessionEvents.register("local", "plugin-intake", session);
        Eventually.sessionKnown("local", session);
        String stranger = UUID.randomUUID().toString();
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(event("dev.hotload.cli_build_time_ms", session, 120.5));            // 0 ok
        events.add(event("something.else", session, 1));                                // 1 unknown_name
        Map<String, Object> badTime = event("dev.hotload.cli_build_time_ms", session, 3);
        badTime.put("timestamp", "yesterday");                                          // 2 bad_timestamp
        events.add(badTime);
        Map<String, Object> old = event("dev.hotload.cli_build_time_ms", session, 3);
        old.put("timestamp", Instant.now().minus(Duration.ofDays(2)).toString());       // 3 too_old
        events.add(old);
        Map<String, Object> future = event("dev.hotload.cli_build_time_ms", session, 3);
        future.put("timestamp", Instant.now().plus(Duration.ofHours(1)).toString());    // 4 in_future
        events.add(future);
        events.add(event("dev.hotload.cli_build_time_ms", session, "fast"));            // 5 bad_value
        events.add(event("dev.hotload.cli_build_time_ms", stranger, 10));               // 6 unknown_session
        Map<String, Object> error = event("dev.hotload.cli_error", session, null);      // 7 ok, counts 1
        error.put("attributes", Map.of("errorCode", "E_BUILD"));
        events.add(error);
        events.add(event("dev.hotload.my_custom_counter", null, 2));                    // 8 ok, custom, no session

        try (EventProbe probe = EventProbe.open(SessionEvents.bootstrap(), Topics.HOTLOAD_CLI)) {
            post(events).statusCode(202)
                    .body("data.accepted", equalTo(3))
                    .body("data.rejected", hasSize(6))
                    .body("data.rejected.index", equalTo(List.of(1, 2, 3, 4, 5, 6)))
                    .body("data.rejected.reason", equalTo(List.of("unknown_name", "bad_timestamp", "too_old", "in_future",
                            "bad_value", "unknown_session")));
            List<CloudEvent> published = probe.during(e -> "local".equals(e.tenantid()), Duration.ofSeconds(2));
            assertThat(published).extracting(CloudEvent::type).containsExactlyInAnyOrder(
                    "dev.hotload.cli.cli_build_time_ms", "dev.hotload.cli.cli_error", "dev.hotload.cli.my_custom_counter");
            assertThat(published).filteredOn(e -> session.equals(e.sessionid())).allMatch(e -> "plugin-intake".equals(e.pluginid()));
            assertThat(published).noneMatch(e -> stranger.equals(e.sessionid()));
        }
    }

    @Test
    void malformedJsonIs400AndPublishesNothing() {
        try (EventProbe probe = EventProbe.open(SessionEvents.bootstrap(), Topics.HOTLOAD_CLI)) {
            given().contentType("application/json").body("{\"events\": [ {\"name\": ")
                    .when().post("/internal/dev/telemetry")
                    .then().statusCode(400).body("error_code", equalTo("DEV_BAD_REQUEST"));
            given().contentType("application/json").body("{\"events\": 3}")
                    .when().post("/internal/dev/telemetry")
                    .then().statusCode(400).body("error_code", equalTo("DEV_BAD_REQUEST"));
            assertThat(probe.during(e -> true, Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void batchesOverTheLimitsAre413() {
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(event("dev.hotload.cli_build_time_ms", null, i));
        }
        post(many).statusCode(413).body("error_code", equalTo("DEV_PAYLOAD_TOO_LARGE"));
        Map<String, Object> huge = event("dev.hotload.cli_error", null, null);
        huge.put("attributes", Map.of("detail", "x".repeat(1_100_000)));
        post(List.of(huge)).statusCode(413).body("error_code", equalTo("DEV_PAYLOAD_TOO_LARGE"));
    }

    @Test
    void aReloadTokenWritesOnlyItsOwnSession() {
        String tenant = "tenant-" + UUID.randomUUID();
        String mine = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        String token = SessionEvents.register(tenant, "plugin-a", mine);
        SessionEvents.register(tenant, "plugin-b", other);
        Eventually.sessionKnown(tenant, mine);
        Eventually.sessionKnown(tenant, other);

        try (EventProbe probe = EventProbe.open(SessionEvents.bootstrap(), Topics.HOTLOAD_CLI)) {
            post(given().header("Authorization", "Bearer " + token).header("X-Session-Id", mine), List.of(
                    event("dev.hotload.cli_build_time_ms", mine, 10),
                    event("dev.hotload.cli_build_time_ms", other, 10),
                    event("dev.hotload.cli_build_time_ms", null, 11)))
                    .statusCode(202)
                    .body("data.accepted", equalTo(2))
                    .body("data.rejected[0].index", equalTo(1))
                    .body("data.rejected[0].reason", equalTo("unknown_session"));
            List<CloudEvent> published = probe.during(e -> tenant.equals(e.tenantid()), Duration.ofSeconds(2));
            assertThat(published).hasSize(2).allMatch(e -> mine.equals(e.sessionid()));
        }
        // the token names another session: refused outright
        post(given().header("Authorization", "Bearer " + token).header("X-Session-Id", other),
                List.of(event("dev.hotload.cli_build_time_ms", other, 10)))
                .statusCode(401).body("error_code", equalTo("DEV_UNAUTHORIZED"));
        // no X-Session-Id, or a token nobody issued
        post(given().header("Authorization", "Bearer " + token), List.of(event("dev.hotload.cli_build_time_ms", mine, 10)))
                .statusCode(401);
        post(given().header("Authorization", "Bearer " + SessionEvents.newToken()).header("X-Session-Id", mine),
                List.of(event("dev.hotload.cli_build_time_ms", mine, 10))).statusCode(401);
    }

    @Test
    void anotherTenantsSessionIsUnknown() {
        String tenant = "tenant-" + UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        SessionEvents.register(tenant, "plugin-a", session);
        Eventually.sessionKnown(tenant, session);
        post(Eventually.as("tenant-" + UUID.randomUUID()), List.of(event("dev.hotload.cli_build_time_ms", session, 10)))
                .statusCode(202)
                .body("data.accepted", equalTo(0))
                .body("data.rejected[0].reason", equalTo("unknown_session"));
    }
}
