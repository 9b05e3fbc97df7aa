package com.powerx.devhotload.session.graphql;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.contracts.payload.Alert;
import com.powerx.devhotload.contracts.payload.AlertResolved;
import com.powerx.devhotload.devstack.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.powerx.devhotload.session.graphql.AdminGraphQL.MANAGE;
import static com.powerx.devhotload.session.graphql.AdminGraphQL.SESSION_FIELDS;
import static com.powerx.devhotload.session.graphql.AdminGraphQL.as;
import static com.powerx.devhotload.session.graphql.AdminGraphQL.graphql;
import static com.powerx.devhotload.session.graphql.AdminGraphQL.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** The Admin GraphQL API gives the REST admin API's data under its rules: permission, tenant scope, audit, errors. */
@QuarkusTest
class AdminGraphQLTest {

    private static final String LIST = "query($filter: DevHotloadSessionFilter, $page: Int, $size: Int) {"
            + " devHotloadSessions(filter: $filter, page: $page, size: $size) { items { " + SESSION_FIELDS + " } total"
            + " metrics { active reloadsLastHour failedReloadsLastHour p95ReloadMsLastHour } } }";
    private static final String ONE = "query($id: ID!) { devHotloadSession(id: $id) { " + SESSION_FIELDS + " } }";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void theListEqualsTheRestAdminListForTheSameQuery() {
        String tenant = "gql-" + System.nanoTime();
        List<String> ids = List.of(register(tenant), register(tenant), register(tenant));
        as(tenant, MANAGE).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .when().post("/api/admin/dev-hotload/sessions/" + ids.get(0) + "/reload").then().statusCode(202);
        register("gql-other");
        for (int page = 1; page <= 2; page++) {
            var rest = as(tenant, MANAGE).queryParam("status", "active").queryParam("page", page).queryParam("size", 2)
                    .when().get("/api/admin/dev-hotload/sessions").then().statusCode(200).extract().jsonPath();
            var gql = graphql(as(tenant, MANAGE), LIST, Map.of("filter", Map.of("status", List.of("active")), "page", page, "size", 2))
                    .statusCode(200).body("errors", nullValue()).extract().jsonPath();
            List<Map<String, Object>> restItems = rest.getList("data.items");
            List<Map<String, Object>> gqlItems = gql.getList("data.devHotloadSessions.items");
            assertThat(gqlItems).hasSize(page == 1 ? 2 : 1);
            for (int i = 0; i < gqlItems.size(); i++) {
                Map<String, Object> r = restItems.get(i);
                Map<String, Object> g = gqlItems.get(i);
                assertThat(g).containsEntry("sessionId", r.get("sessionId")).containsEntry("pluginId", r.get("pluginId"))
                        .containsEntry("developerId", r.get("developerId")).containsEntry("version", r.get("version"))
                        .containsEntry("runtime", r.get("runtime")).containsEntry("status", r.get("status"))
                        .containsEntry("sandboxState", ((Map<?, ?>) r.get("sandbox")).get("state"))
                        .containsEntry("lastReload", r.get("lastReload"))
                        .containsEntry("createdAt", r.get("createdAt")).containsEntry("expiresAt", r.get("expiresAt"))
                        .containsEntry("openAlerts", 0);
            }
            assertThat(gql.getInt("data.devHotloadSessions.total")).isEqualTo(rest.getInt("data.total")).isEqualTo(3);
            assertThat(gql.getMap("data.devHotloadSessions.metrics")).isEqualTo(rest.getMap("data.metrics"));
        }
        graphql(as(tenant, MANAGE), LIST, Map.of("filter", Map.of("developerId", "dev-" + tenant, "q", "com.acme.g")))
                .body("data.devHotloadSessions.total", equalTo(3))
                .body("data.devHotloadSessions.metrics.active", equalTo(3));
        graphql(as(tenant, MANAGE), LIST, Map.of("filter", Map.of("status", List.of("terminated"))))
                .body("data.devHotloadSessions.total", equalTo(0));
    }

    @Test
    void oneSessionIsScopedToTheCallersTenant() {
        String tenant = "gql-one-" + System.nanoTime();
        String id = register(tenant);
        graphql(as(tenant, MANAGE), ONE, Map.of("id", id)).statusCode(200)
                .body("data.devHotloadSession.sessionId", equalTo(id))
                .body("data.devHotloadSession.status", equalTo("active"))
                .body("data.devHotloadSession.developerId", equalTo("dev-" + tenant))
                .body("data.devHotloadSession.lastReload", nullValue());
        graphql(as("gql-elsewhere", MANAGE), ONE, Map.of("id", id)).statusCode(200)
                .body("data.devHotloadSession", nullValue())
                .body("errors[0].extensions.error_code", equalTo("DEV_NOT_FOUND"))
                .body("errors[0].path[0]", equalTo("devHotloadSession"));
        graphql(as(tenant, MANAGE), ONE, Map.of("id", "not-a-uuid"))
                .body("errors[0].extensions.error_code", equalTo("DEV_BAD_REQUEST"))
                .body("errors[0].extensions.details.violations[0].field", equalTo("sessionId"));
        graphql(as(tenant, MANAGE), LIST, Map.of("size", 500))
                .body("errors[0].extensions.error_code", equalTo("DEV_BAD_REQUEST"));
    }

    @Test
    void aNonAdminIsForbiddenAndAnUnauthenticatedCallerGetsThe401Envelope() {
        String tenant = "gql-dev-" + System.nanoTime();
        String id = register(tenant);
        graphql(as(tenant), ONE, Map.of("id", id)).statusCode(200)
                .body("errors[0].extensions.error_code", equalTo("DEV_FORBIDDEN"))
                .body("errors[0].extensions.exception", nullValue());
        graphql(as(tenant), "mutation { terminateDevHotloadSession(id: \"" + id + "\", reason: \"x\") { status } }")
                .body("errors[0].extensions.error_code", equalTo("DEV_FORBIDDEN"));
        graphql(RestAssured.given().auth().oauth2("c".repeat(32)), ONE, Map.of("id", id)).statusCode(401)
                .body("error_code", equalTo("DEV_UNAUTHORIZED"));
        graphql(RestAssured.given().auth().oauth2("a.b.c"), ONE, Map.of("id", id)).statusCode(401)
                .body("error_code", equalTo("DEV_UNAUTHORIZED"));
        as(tenant).when().get("/api/admin/dev-hotload/sessions").then().statusCode(403);
    }

    @Test
    void terminateIsAuditedAndEndsTheSession() {
        String tenant = "gql-term-" + System.nanoTime();
        String id = register(tenant);
        String auditId = graphql(as(tenant, MANAGE), "mutation($id: ID!, $reason: String) {"
                + " terminateDevHotloadSession(id: $id, reason: $reason) { sessionId status auditId } }", Map.of("id", id, "reason", "policy"))
                .statusCode(200).body("errors", nullValue())
                .body("data.terminateDevHotloadSession.sessionId", equalTo(id))
                .body("data.terminateDevHotloadSession.status", equalTo("terminated"))
                .body("data.terminateDevHotloadSession.auditId", matchesPattern("[0-9a-f-]{36}"))
                .extract().path("data.terminateDevHotloadSession.auditId");
        as(tenant, MANAGE).queryParam("sessionId", id).when().get("/api/admin/dev-hotload/audit").then().statusCode(200)
                .body("data.items.auditId", hasItem(auditId))
                .body("data.items.find { it.auditId == '" + auditId + "' }.action", equalTo("admin.terminate"))
                .body("data.items.find { it.auditId == '" + auditId + "' }.reason", equalTo("policy"))
                .body("data.items.find { it.auditId == '" + auditId + "' }.actor", equalTo("dev-" + tenant));
        as(tenant).when().get("/internal/dev/plugins/sessions/" + id).then().body("data.status", equalTo("terminated"));
        RestAssured.given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("admin_dev_hotload_terminate_latency_ms_count"))
                .body(containsString("admin_dev_hotload_active_sessions"));
    }

    @Test
    void reloadAnswersTheSequenceAndAnAuditId() {
        String tenant = "gql-reload-" + System.nanoTime();
        String id = register(tenant);
        graphql(as(tenant, MANAGE), "mutation { reloadDevHotloadSession(id: \"" + id + "\", reason: \"stuck\") { sessionId sequence auditId } }")
                .statusCode(200).body("errors", nullValue())
                .body("data.reloadDevHotloadSession.sessionId", equalTo(id))
                .body("data.reloadDevHotloadSession.sequence", equalTo(1))
                .body("data.reloadDevHotloadSession.auditId", notNullValue());
        as(tenant, MANAGE).queryParam("sessionId", id).when().get("/api/admin/dev-hotload/audit").then()
                .body("data.items.action", hasItem("admin.reload"));
    }

    @Test
    void openAlertsCountRaisedAlertsAndDropOnResolved() {
        String tenant = "gql-alert-" + System.nanoTime();
        String plugin = "com.acme.alerted" + System.nanoTime() % 100000;
        String id = register(tenant, plugin);
        String alertId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        CloudEvent raised = CloudEvent.create(EventSources.TELEMETRY_INGEST, EventTypes.ALERT_RAISED, id, tenant, plugin, id,
                new Alert(alertId, "reload-failure-streak", "critical", id, plugin, tenant, 5, now, now, "5 failed reloads"));
        // The same alert id in another tenant's event must not count on this tenant's session.
        CloudEvent foreign = CloudEvent.create(EventSources.TELEMETRY_INGEST, EventTypes.ALERT_RAISED, id, "gql-other", plugin, id,
                new Alert(UUID.randomUUID().toString(), "telemetry-gap", "info", id, plugin, "gql-other", 1, now, now, null));
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.DEBUG_ALERT)) {
            probe.publish(foreign);
            probe.publish(raised);
            probe.publish(raised); // a redelivery changes nothing
            awaitOpenAlerts(tenant, id, 1);
            probe.publish(CloudEvent.create(EventSources.TELEMETRY_INGEST, EventTypes.ALERT_RESOLVED, id, tenant, plugin, id,
                    new AlertResolved(alertId, "reload-failure-streak", id, plugin)));
            awaitOpenAlerts(tenant, id, 0);
        }
        graphql(as(tenant, MANAGE), LIST, Map.of()).body("data.devHotloadSessions.items[0].openAlerts", equalTo(0));
    }

    private static void awaitOpenAlerts(String tenant, String id, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int seen = -1;
        while (System.nanoTime() < deadline) {
            seen = graphql(as(tenant, MANAGE), ONE, Map.of("id", id)).extract().path("data.devHotloadSession.openAlerts");
            if (seen == expected) {
                return;
            }
            sleep();
        }
        assertThat(seen).as("openAlerts of " + id).isEqualTo(expected);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anOverDeepQueryIsRefused() {
        String deep = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } }";
        graphql(as("gql-deep", MANAGE), deep).statusCode(200)
                .body("data", nullValue())
                .body("errors[0].message", containsString("maximum query depth exceeded"))
                .body("errors[0].extensions.classification", equalTo("ExecutionAborted"))
                .body("errors[0].extensions.error_code", equalTo("DEV_BAD_REQUEST"))
                .body("errors[0].extensions.reason_code", equalTo("query_too_deep"));
        // Within the limit (8), introspection still answers.
        graphql(as("gql-deep", MANAGE), "{ __schema { types { fields { type { ofType { name } } } } } }").statusCode(200)
                .body("errors", nullValue());
    }

    /** Errors the engine raises before any resolver runs carry a §1 code too, beside GraphQL's own classification. */
    @Test
    void engineErrorsCarryTheEnvelopeCode() {
        var caller = "gql-engine";
        graphql(as(caller, MANAGE), "{ devHotloadSessions(page: 1 { total } }").statusCode(200)
                .body("data", nullValue())
                .body("errors[0].message", containsString("Invalid syntax"))
                .body("errors[0].locations[0].line", equalTo(1))
                .body("errors[0].extensions.classification", equalTo("InvalidSyntax"))
                .body("errors[0].extensions.error_code", equalTo("DEV_BAD_REQUEST"))
                .body("errors[0].extensions.reason_code", equalTo("invalid_syntax"));
        graphql(as(caller, MANAGE), "{ devHotloadSessions { total noSuchField } }").statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.classification", equalTo("ValidationError"))
                .body("errors[0].message", containsString("noSuchField"))
                .body("errors[0].extensions.error_code", equalTo("DEV_BAD_REQUEST"))
                .body("errors[0].extensions.reason_code", equalTo("invalid_query"));
        graphql(as(caller, MANAGE), LIST, Map.of("page", "first")).statusCode(200)
                .body("data.devHotloadSessions", nullValue())
                .body("errors[0].message", containsString("'page'"))
                .body("errors[0].extensions.classification", equalTo("ValidationError"))
                .body("errors[0].extensions.error_code", equalTo("DEV_BAD_REQUEST"));
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 110; i++) {
            wide.append(" a").append(i).append(": devHotloadSessions { total }");
        }
        graphql(as(caller, MANAGE), wide.append(" }").toString()).statusCode(200)
                .body("data", nullValue())
                .body("errors[0].message", containsString("maximum query complexity exceeded"))
                .body("errors[0].extensions.error_code", equalTo("DEV_BAD_REQUEST"))
                .body("errors[0].extensions.reason_code", equalTo("query_too_complex"));
        graphql(as(caller, MANAGE), "{" + " __typename".repeat(2100) + " }").statusCode(200)
                .body("data", nullValue())
                .body("errors[0].extensions.error_code", equalTo("DEV_BAD_REQUEST"))
                .body("errors[0].extensions.reason_code", equalTo("query_too_large"));
        graphql(as(caller, MANAGE), " ").statusCode(200)
                .body("errors[0].extensions.error_code", equalTo("DEV_BAD_REQUEST"))
                .body("errors[0].extensions.reason_code", equalTo("missing_query"));
        // Not GraphQL at all: an HTTP-level bad request, in the §1 envelope.
        as(caller, MANAGE).contentType(ContentType.JSON).body("{\"query\": \"{ devHotloadSessions { total } }\"")
                .when().post("/internal/admin/graphql").then().statusCode(400)
                .body("error_code", equalTo("DEV_BAD_REQUEST")).body("reason_code", equalTo("malformed_json"));
        as(caller, MANAGE).contentType(ContentType.JSON).body("{\"query\": \"" + "x".repeat(1_100_000) + "\"}")
                .when().post("/internal/admin/graphql").then().statusCode(413)
                .body("error_code", equalTo("DEV_PAYLOAD_TOO_LARGE"));
        // A resolver's own error keeps the code it had (not rewritten to DEV_BAD_REQUEST).
        graphql(as(caller, MANAGE), ONE, Map.of("id", UUID.randomUUID().toString())).statusCode(200)
                .body("errors[0].extensions.error_code", equalTo("DEV_NOT_FOUND"));
    }
}
