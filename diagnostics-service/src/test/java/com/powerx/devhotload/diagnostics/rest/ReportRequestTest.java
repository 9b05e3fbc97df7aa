package com.powerx.devhotload.diagnostics.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.JsonText;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.LocalTokens;
import com.powerx.devhotload.diagnostics.LoopEvents;
import static com.powerx.devhotload.diagnostics.DiagnosticsApi.admin;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** {@code POST /internal/debug/report} and the reads: validation, credentials, tenant scope, idempotency per alert. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_diagnostics"))
class ReportRequestTest {

    @Test
    void badRequestsAreRefusedWithTheEnvelopeAndNameEveryField() {
        admin("t-bad").contentType("application/json").body("{\"pluginId\":\"p\",\"severity\":\"loud\",\"window\":{\"from\":\"yesterday\"}}")
                .when().post("/internal/debug/report").then().statusCode(400)
                .body("error_code", equalTo("DEV_BAD_REQUEST"))
                .body("details.violations.field", hasItem("severity"))
                .body("details.violations.field", hasItem("window.from"));
        admin("t-bad").contentType("application/json").body("{\"notes\":\"x\"}").when().post("/internal/debug/report").then().statusCode(400)
                .body("details.violations.field", hasItem("pluginId"));
        Instant now = Instant.now();
        admin("t-bad").contentType("application/json").body("{\"pluginId\":\"p\",\"window\":{\"from\":\"" + now + "\",\"to\":\""
                + now.minusSeconds(60) + "\"}}").when().post("/internal/debug/report").then().statusCode(400)
                .body("details.violations.field", hasItem("window"));
        admin("t-bad").contentType("application/json").body("{not json").when().post("/internal/debug/report").then().statusCode(400)
                .body("error_code", equalTo("DEV_BAD_REQUEST"));
        admin("t-bad").when().get("/internal/debug/report/not-a-uuid").then().statusCode(400);
        admin("t-bad").when().get("/internal/debug/reports?limit=0").then().statusCode(400);
        admin("t-bad").when().get("/internal/debug/reports?status=done").then().statusCode(400);
        admin("t-bad").when().get("/internal/debug/reports").then().statusCode(200).body("data.items.size()", equalTo(0));
    }

    @Test
    void credentialsDecideWhatACallerMayAskAndSee() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String session = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        String token = LoopEvents.register(tenant, "com.acme.scope", session);
        String otherToken = LoopEvents.register(tenant, "com.acme.scope", other);
        awaitSession(token);
        awaitSession(otherToken);

        // A developer without the admin permission: 403; a reload token: only its own session; nothing at all: 401.
        given().header("Authorization", "Bearer " + LocalTokens.forTests().mint(tenant, "dev", List.of())).contentType("application/json")
                .body("{\"pluginId\":\"com.acme.scope\"}").when().post("/internal/debug/report").then().statusCode(403);
        given().header("Authorization", "Bearer " + token).contentType("application/json").body("{\"sessionId\":\"" + other + "\"}")
                .when().post("/internal/debug/report").then().statusCode(404);
        given().header("Authorization", "Bearer not-a-token-of-anything-at-all-xx").contentType("application/json").body("{\"sessionId\":\"" + session + "\"}")
                .when().post("/internal/debug/report").then().statusCode(401);

        String reportId = JsonText.tree(given().header("Authorization", "Bearer " + token).contentType("application/json").body("{}")
                .when().post("/internal/debug/report").then().statusCode(202).body("data.status", equalTo("pending"))
                .extract().asString()).at("/data/reportId").asText();
        JsonNode report = ReportFromAlertTest.awaitReady("Bearer " + token, session);
        assertThat(report.path("reportId").asText()).isEqualTo(reportId);
        assertThat(report.path("sessionId").asText()).isEqualTo(session);
        assertThat(report.path("pluginId").asText()).isEqualTo("com.acme.scope");

        // Another session's token, another tenant's admin: 404, as for what does not exist.
        given().header("Authorization", "Bearer " + otherToken).when().get("/internal/debug/report/" + reportId).then().statusCode(404);
        admin("elsewhere").when().get("/internal/debug/report/" + reportId).then().statusCode(404);
        admin("elsewhere").when().get("/internal/debug/report/" + reportId + "/bundle").then().statusCode(404);
        admin("elsewhere").when().get("/internal/debug/reports?sessionId=" + session).then().statusCode(200).body("data.items.size()", equalTo(0));
        admin(tenant).when().get("/internal/debug/report/" + UUID.randomUUID()).then().statusCode(404).body("error_code", equalTo("DEV_NOT_FOUND"));
        admin(tenant).accept("text/markdown").when().get("/internal/debug/report/" + reportId).then().statusCode(200)
                .contentType(containsString("text/markdown"));
    }

    @Test
    void oneReportPerAlertIdHoweverOftenItIsAskedFor() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"pluginId\":\"com.acme.once\",\"alertId\":\"alert-42\",\"severity\":\"critical\",\"notes\":\"by hand\"}";
        String first = admin(tenant).contentType("application/json").body(body).when().post("/internal/debug/report").then().statusCode(202)
                .extract().path("data.reportId");
        String second = admin(tenant).contentType("application/json").body(body).when().post("/internal/debug/report").then().statusCode(202)
                .extract().path("data.reportId");
        assertThat(second).isEqualTo(first);
        // The same alert id in another tenant is another alert.
        String elsewhere = admin(tenant + "-b").contentType("application/json").body(body).when().post("/internal/debug/report").then()
                .statusCode(202).extract().path("data.reportId");
        assertThat(elsewhere).isNotEqualTo(first);
        admin(tenant).when().get("/internal/debug/reports?pluginId=com.acme.once").then().statusCode(200).body("data.items.size()", equalTo(1));
    }

    /** The session is known once its registration was consumed: from then on its reload token is accepted. */
    static void awaitSession(String token) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (given().header("Authorization", "Bearer " + token).when().get("/internal/debug/reports").then().extract().statusCode() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("reload token not learned within 30 s");
    }
}
