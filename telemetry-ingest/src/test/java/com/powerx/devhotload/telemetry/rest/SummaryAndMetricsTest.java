package com.powerx.devhotload.telemetry.rest;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.LocalTokens;
import com.powerx.devhotload.telemetry.Eventually;
import com.powerx.devhotload.telemetry.SessionEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.powerx.devhotload.telemetry.rest.TelemetryApi.event;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** {@code GET /api/telemetry/summary} from the rollups (exact counts, percentiles within 1 %), and the meters. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "redis", value = "true"))
class SummaryAndMetricsTest {

    @Test
    void summaryCountsExactlyAndItsPercentilesAreWithinOnePercent() {
        String plugin = "plugin-sum-" + UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        SessionEvents.register("local", plugin, session);
        Eventually.sessionKnown("local", session);

        List<Long> reloadMs = new ArrayList<>();
        List<CloudEvent> events = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            long ms = 3L * i * i % 997 + 5;
            reloadMs.add(ms);
            events.add(SessionEvents.reloaded("local", plugin, session, i, ms));
        }
        events.add(SessionEvents.rolledBack("local", plugin, session, 201));
        events.add(SessionEvents.reloaded("local", plugin, session, 202, 40));
        reloadMs.add(17L);
        reloadMs.add(40L);
        SessionEvents.publish(events.toArray(CloudEvent[]::new));

        List<Double> buildMs = new ArrayList<>();
        List<Map<String, Object>> telemetry = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            double ms = 250 + (i * 37 % 500) + 0.25;
            buildMs.add(ms);
            telemetry.add(event("dev.hotload.cli_build_time_ms", session, ms));
        }
        for (String code : List.of("E_TSC", "E_TSC", "E_TSC", "E_LINT")) {
            Map<String, Object> error = event("dev.hotload.cli_error", session, null);
            error.put("attributes", Map.of("errorCode", code));
            telemetry.add(error);
        }
        TelemetryApi.post(telemetry).statusCode(202).body("data.accepted", equalTo(124));

        Eventually.until(() -> summary("sessionId=" + session).getLong("data.cliBuild.count") == 120
                && summary("sessionId=" + session).getLong("data.reloads.count") == 202, Duration.ofSeconds(30), "rollups");
        JsonPath s = summary("sessionId=" + session);
        assertThat(s.getString("data.window")).isEqualTo("15m");
        assertThat(s.getLong("data.sessionsActive")).isEqualTo(1);
        assertThat(s.getLong("data.reloads.failed")).isEqualTo(1);
        assertThat(s.getDouble("data.reloads.p50Ms")).isCloseTo(exact(reloadMs, 50), within(exact(reloadMs, 50) * 0.01));
        assertThat(s.getDouble("data.reloads.p95Ms")).isCloseTo(exact(reloadMs, 95), within(exact(reloadMs, 95) * 0.01));
        assertThat(s.getDouble("data.reloads.p99Ms")).isCloseTo(exact(reloadMs, 99), within(exact(reloadMs, 99) * 0.01));
        assertThat(s.getDouble("data.cliBuild.p50Ms")).isCloseTo(exact(buildMs, 50), within(exact(buildMs, 50) * 0.01));
        assertThat(s.getDouble("data.cliBuild.p95Ms")).isCloseTo(exact(buildMs, 95), within(exact(buildMs, 95) * 0.01));
        assertThat(s.getMap("data.errorsByCode")).containsEntry("E_TSC", 3).containsEntry("E_LINT", 1);

        // the plugin's view and the 24 h window agree; another tenant sees nothing of it
        assertThat(summary("window=24h&pluginId=" + plugin).getLong("data.reloads.count")).isEqualTo(202);
        JsonPath foreign = JsonPath.from(Eventually.as("tenant-" + UUID.randomUUID())
                .get("/api/telemetry/summary?window=1h&sessionId=" + session).asString());
        assertThat(foreign.getLong("data.reloads.count")).isZero();
        assertThat(foreign.getLong("data.sessionsActive")).isZero();

        given().when().get("/api/telemetry/summary?window=2d").then().statusCode(400).body("error_code", equalTo("DEV_BAD_REQUEST"));
    }

    /** {@code tenantId}: a global admin (diagnostics-service's token) reads any tenant's figures; anyone else gets 403. */
    @Test
    void onlyAGlobalAdminReadsAnotherTenantsSummary() {
        String tenant = "tenant-" + UUID.randomUUID();
        String plugin = "plugin-global-" + UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        SessionEvents.register(tenant, plugin, session);
        Eventually.sessionKnown(tenant, session);
        SessionEvents.publish(SessionEvents.reloaded(tenant, plugin, session, 1, 30),
                SessionEvents.rolledBack(tenant, plugin, session, 2));
        Eventually.failedReloads(tenant, session, 1);

        String global = LocalTokens.forTests().mint("px-system", "diagnostics-service",
                List.of("admin.devHotload.manage", "admin.devHotload.global"));
        String path = "/api/telemetry/summary?window=1h&sessionId=" + session + "&tenantId=" + tenant;
        JsonPath s = JsonPath.from(given().header("Authorization", "Bearer " + global).get(path)
                .then().statusCode(200).extract().asString());
        assertThat(s.getLong("data.reloads.count")).isEqualTo(2);
        assertThat(s.getLong("data.reloads.failed")).isEqualTo(1);
        assertThat(s.getLong("data.sessionsActive")).isEqualTo(1);
        // without tenantId the global admin reads its own tenant, where the session is not
        assertThat(JsonPath.from(given().header("Authorization", "Bearer " + global)
                .get("/api/telemetry/summary?window=1h&sessionId=" + session).asString()).getLong("data.reloads.count")).isZero();
        // the tenant's own members may name their tenant
        assertThat(JsonPath.from(Eventually.as(tenant).get(path).then().statusCode(200).extract().asString())
                .getLong("data.reloads.count")).isEqualTo(2);

        // an admin of another tenant, and the local-mode developer, may not name another tenant
        String otherAdmin = LocalTokens.forTests().mint("tenant-" + UUID.randomUUID(), "dev-2", List.of("admin.devHotload.manage"));
        given().header("Authorization", "Bearer " + otherAdmin).get(path).then().statusCode(403)
                .body("error_code", equalTo("DEV_FORBIDDEN"));
        given().get(path).then().statusCode(403).body("error_code", equalTo("DEV_FORBIDDEN"));
    }

    @Test
    void metricsCarryTheSeedsNames() {
        String session = UUID.randomUUID().toString();
        SessionEvents.register("local", "plugin-metrics", session);
        Eventually.sessionKnown("local", session);
        Map<String, Object> error = event("dev.hotload.cli_error", session, null);
        error.put("attributes", Map.of("errorCode", "E_METRIC"));
        TelemetryApi.post(List.of(event("dev.hotload.cli_build_time_ms", session, 12.0),
                event("dev.hotload.cli_reload_duration_ms", session, 80), event("dev.hotload.cli_session_lifetime", session, 600000),
                error)).statusCode(202).body("data.accepted", equalTo(4));
        Eventually.until(() -> given().get("/q/metrics").asString().contains("E_METRIC"), Duration.ofSeconds(30), "meters");
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("dev_hotload_cli_build_time_ms{plugin=\"plugin-metrics\",quantile=\"0.95\"}"))
                .body(containsString("dev_hotload_cli_reload_duration_ms_count"))
                .body(containsString("dev_hotload_cli_session_lifetime_count"))
                .body(containsString("dev_hotload_cli_error_total{errorCode=\"E_METRIC\",plugin=\"plugin-metrics\"}"))
                .body(containsString("admin_dev_hotload_active_sessions"));
    }

    private static JsonPath summary(String query) {
        String window = query.contains("window=") ? "" : "window=15m&";
        return JsonPath.from(given().get("/api/telemetry/summary?" + window + query).then().statusCode(200).extract().asString());
    }

    /** Nearest-rank percentile. */
    private static double exact(List<? extends Number> values, double percentile) {
        List<Double> sorted = values.stream().map(Number::doubleValue).sorted().toList();
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
