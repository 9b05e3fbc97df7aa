package com.powerx.devhotload.diagnostics.rest;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.JsonText;
import com.powerx.devhotload.contracts.payload.InvokeError;
import com.powerx.devhotload.contracts.payload.InvokeFailed;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.diagnostics.LoopEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.powerx.devhotload.diagnostics.DiagnosticsApi.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The Admin panel's log export, and a report whose reproduction is a failing handler with its masked payload. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_diagnostics"))
class LogExportTest {

    @Test
    void exportGivesTheScopesMaskedLinesAtOrAboveALevelAsGzipNdjson() throws Exception {
        String tenant = "exp-" + UUID.randomUUID().toString().substring(0, 8);
        String session = UUID.randomUUID().toString();
        String token = LoopEvents.register(tenant, "com.acme.export", session);
        LoopEvents.publish(LoopEvents.log(tenant, "com.acme.export", session, "debug", "cache warm"),
                LoopEvents.log(tenant, "com.acme.export", session, "warn", "slow query"),
                LoopEvents.log(tenant, "com.acme.export", session, "error", "auth failed Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXZhbHVl"));
        String body = "{\"sessionId\":\"" + session + "\",\"level\":\"warn\"}";
        List<String> lines = awaitLines(tenant, body, 2);
        assertThat(lines).hasSize(2);
        assertThat(JsonText.tree(lines.get(0)).path("message").asText()).isEqualTo("slow query");
        assertThat(String.join("\n", lines)).doesNotContain("c2lnbmF0dXJlLXZhbHVl").contains("Authorization: Bearer");
        // The session's reload token exports its own lines; another tenant's admin finds nothing; a bad level is a 400.
        given().header("Authorization", "Bearer " + token).contentType("application/json").body("{}").when()
                .post("/internal/debug/logs/export").then().statusCode(200).header("X-Log-Lines", "3");
        admin("elsewhere").contentType("application/json").body(body).when().post("/internal/debug/logs/export").then().statusCode(404);
        admin(tenant).contentType("application/json").body("{\"sessionId\":\"" + session + "\",\"level\":\"loud\"}").when()
                .post("/internal/debug/logs/export").then().statusCode(400).body("details.violations[0].field", equalTo("level"));
        admin(tenant).contentType("application/json").body("{}").when().post("/internal/debug/logs/export").then().statusCode(400);
    }

    @Test
    void aFailingHandlerIsTheReproductionWithItsMaskedPayload() throws Exception {
        String tenant = "inv-" + UUID.randomUUID().toString().substring(0, 8);
        String session = UUID.randomUUID().toString();
        LoopEvents.register(tenant, "com.acme.invoke", session);
        // As the orchestrator publishes it: the payload already masked there, and masked again here whatever it holds.
        LoopEvents.publish(CloudEvent.create(EventSources.SANDBOX_ORCHESTRATOR, EventTypes.INVOKE_FAILED, session, tenant, "com.acme.invoke", session,
                new InvokeFailed("charge", JsonText.tree("{\"amount\":42,\"note\":\"card 4111 1111 1111 1111\"}"),
                        new InvokeError("E1001: card declined", "Error: E1001: card declined\n    at charge (file:///tmp/px-sandbox-x/bundle/index.mjs:9:11)", "HANDLER_ERROR"),
                        12L, 3L, false, null)));
        String reportId = admin(tenant).contentType("application/json").body("{\"sessionId\":\"" + session + "\"}").when()
                .post("/internal/debug/report").then().statusCode(202).extract().path("data.reportId");
        JsonPath report = awaitReady(tenant, reportId);
        assertThat(report.getString("data.reproduction.kind")).isEqualTo("invoke");
        assertThat(report.getString("data.reproduction.handler")).isEqualTo("charge");
        assertThat(report.getInt("data.reproduction.payload.amount")).isEqualTo(42);
        assertThat(report.getString("data.reproduction.payload.note")).doesNotContain("4111 1111 1111 1111");
        assertThat(report.getString("data.errors[0].origin")).isEqualTo("invoke");
        assertThat(report.getString("data.title")).contains("charge");
    }

    private static JsonPath awaitReady(String tenant, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath r = admin(tenant).when().get("/internal/debug/report/" + id).then().statusCode(200).extract().jsonPath();
            if ("ready".equals(r.getString("data.status"))) {
                return r;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("report " + id + " not ready");
    }

    private static List<String> awaitLines(String tenant, String body, int atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            byte[] gz = admin(tenant).contentType("application/json").body(body).when().post("/internal/debug/logs/export").then()
                    .statusCode(200).contentType("application/gzip").extract().asByteArray();
            List<String> lines = ReportFromAlertTest.gunzip(gz).lines().toList();
            if (lines.size() >= atLeast || System.nanoTime() > deadline) {
                return lines;
            }
            Thread.sleep(200);
        }
    }
}
