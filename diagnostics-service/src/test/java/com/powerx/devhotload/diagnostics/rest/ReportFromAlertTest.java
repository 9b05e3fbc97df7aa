package com.powerx.devhotload.diagnostics.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.JsonText;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.LocalTokens;
import com.powerx.devhotload.diagnostics.LoopEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The diagnostics loop through its real inputs and outputs: a session's failing reloads, its logs and a warning alert
 * on Kafka → a report built by itself → read as JSON, Markdown and bundle, with every planted secret masked, and a
 * {@code plugin.debug.report.ready} event.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_diagnostics"))
class ReportFromAlertTest {

    // Planted in a log line, an error message and a stack: none may appear in any output.
    static final String AWS_KEY = "AKIAQ7ZK2M4NW3XTR5PL";
    static final String DB_PASSWORD = "hunter2-Zq81xP";
    static final String STRIPE = "sk_live_51HqWZRKj8f6TnC2qP0xYvLmNb7";

    @Test
    void aWarningAlertProducesAMaskedReportWithItsFailureFingerprintAndReproduction() throws Exception {
        String tenant = "diag-" + UUID.randomUUID().toString().substring(0, 8);
        String plugin = "com.acme.orders";
        String session = UUID.randomUUID().toString();
        String token = LoopEvents.register(tenant, plugin, session);
        LoopEvents.publish(LoopEvents.log(tenant, plugin, session, "info", "connecting with AWS key " + AWS_KEY));
        for (int seq = 1; seq <= 5; seq++) {
            String dir = UUID.randomUUID().toString().substring(0, 6);
            LoopEvents.publish(LoopEvents.requested(tenant, plugin, session, seq),
                    LoopEvents.log(tenant, plugin, session, "error", "db login failed: postgres://app:" + DB_PASSWORD + "@db:5432/orders"),
                    LoopEvents.rolledBack(tenant, plugin, session, seq, "Cannot read properties of undefined (reading 'url') key=" + STRIPE,
                            LoopEvents.nodeStack(dir, 10 + seq)));
        }
        String alertId = UUID.randomUUID().toString();
        LoopEvents.publish(LoopEvents.alert(tenant, plugin, session, alertId, "warning", 5));
        LoopEvents.publish(LoopEvents.alert(tenant, plugin, session, alertId, "warning", 6)); // a repeat: the same report

        String admin = "Bearer " + LocalTokens.forTests().mint(tenant, "ops", List.of("admin.devHotload.manage"));
        JsonNode report = awaitReady(admin, session);
        assertThat(report.path("status").asText()).isEqualTo("ready");
        assertThat(report.path("alertId").asText()).isEqualTo(alertId);
        assertThat(report.path("fingerprint").asText()).startsWith("v1:");
        JsonNode top = report.path("errors").get(0);
        assertThat(top.path("origin").asText()).isEqualTo("reload");
        assertThat(top.path("count").asInt()).as("five rollbacks from five bundle dirs and lines: one failure").isEqualTo(5);
        assertThat(top.path("fingerprint").asText()).isEqualTo(report.path("fingerprint").asText());
        assertThat(report.at("/reproduction/kind").asText()).isEqualTo("reload");
        assertThat(report.at("/reproduction/sequence").asLong()).isEqualTo(5);
        assertThat(report.path("reloads")).hasSize(5);
        assertThat(report.at("/reloads/4/result").asText()).isEqualTo("rolled-back");
        assertThat(report.at("/environment/runtime").asText()).isEqualTo("node");
        assertThat(report.at("/environment/version").asText()).isEqualTo("1.4.2");
        assertThat(report.at("/masking/redactions").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(report.path("timeline").size()).isGreaterThanOrEqualTo(16);
        assertThat(report.at("/evidence/complete").asBoolean()).isTrue();

        String reportId = report.path("reportId").asText();
        String markdown = given().header("Authorization", admin).accept("text/markdown").when().get("/internal/debug/report/" + reportId)
                .then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/markdown")).extract().asString();
        assertThat(markdown).contains("# ").contains("## Errors").contains(report.path("fingerprint").asText());
        byte[] bundle = given().header("Authorization", admin).when().get("/internal/debug/report/" + reportId + "/bundle")
                .then().statusCode(200).contentType("application/gzip").extract().asByteArray();
        String lines = gunzip(bundle);
        assertThat(lines.lines().count()).isEqualTo(6);
        for (String output : List.of(report.toString(), markdown, lines)) {
            assertThat(output).doesNotContain(AWS_KEY).doesNotContain(DB_PASSWORD).doesNotContain(STRIPE);
        }

        // The session's own reload token reads it too; one report for the alert however often it repeats.
        given().header("Authorization", "Bearer " + token).when().get("/internal/debug/report/" + reportId).then().statusCode(200);
        JsonNode list = JsonText.tree(given().header("Authorization", admin).when().get("/internal/debug/reports?sessionId=" + session)
                .then().statusCode(200).extract().asString());
        assertThat(list.at("/data/items")).hasSize(1);

        List<CloudEvent> ready = LoopEvents.probe().await(e -> EventTypes.REPORT_READY.equals(e.type())
                && reportId.equals(e.data().path("reportId").asText()), 1, Duration.ofSeconds(20));
        assertThat(ready.getFirst().data().path("fingerprint").asText()).isEqualTo(report.path("fingerprint").asText());
        assertThat(ready.getFirst().data().path("alertId").asText()).isEqualTo(alertId);
    }

    static JsonNode awaitReady(String auth, String session) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode list = JsonText.tree(given().header("Authorization", auth).when().get("/internal/debug/reports?sessionId=" + session)
                    .then().statusCode(200).extract().asString());
            for (JsonNode item : list.at("/data/items")) {
                if (item.path("status").asText().equals("ready") || item.path("status").asText().equals("failed")) {
                    return JsonText.tree(given().header("Authorization", auth).when().get("/internal/debug/report/" + item.path("reportId").asText())
                            .then().statusCode(200).extract().asString()).path("data");
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no finished report for session " + session + " within 60 s");
    }

    static String gunzip(byte[] gzip) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
