package com.powerx.devhotload.session.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.powerx.devhotload.session.rest.DevApi.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

/** The Admin panel's API: permission, tenant scope, metrics, audited terminate/reload, the audit query. */
@QuarkusTest
class AdminApiTest {

    private static final String MANAGE = "admin.devHotload.manage";

    @Test
    void adminCallsNeedThePermission() {
        as("acme").when().get("/api/admin/dev-hotload/sessions").then().statusCode(403).body("error_code", equalTo("DEV_FORBIDDEN"));
        io.restassured.RestAssured.given().auth().oauth2("c".repeat(32)).when().get("/api/admin/dev-hotload/sessions").then().statusCode(401);
    }

    @Test
    void listsOnlyTheAdminsTenantWithTheMetricsBlock() {
        String tenant = "admin-" + System.nanoTime();
        var mine = DevApi.registerExternal(tenant);
        var theirs = DevApi.registerExternal("admin-other");
        as(tenant, MANAGE).queryParam("size", 50).when().get("/api/admin/dev-hotload/sessions").then().statusCode(200)
                .body("data.items.sessionId", hasItem(mine.sessionId()))
                .body("data.items.tenant", org.hamcrest.Matchers.everyItem(equalTo(tenant)))
                .body("data.page", equalTo(1)).body("data.size", equalTo(50))
                .body("data.metrics.active", greaterThanOrEqualTo(1))
                .body("data.metrics.reloadsLastHour", notNullValue())
                .body("data.metrics.failedReloadsLastHour", notNullValue())
                .body("data.metrics.p95ReloadMsLastHour", notNullValue());
        as(tenant, MANAGE).queryParam("q", theirs.pluginId()).when().get("/api/admin/dev-hotload/sessions").then().body("data.total", equalTo(0));
        as(tenant, MANAGE).queryParam("developerId", "dev-" + tenant).when().get("/api/admin/dev-hotload/sessions").then().body("data.total", equalTo(1));
        as(tenant, MANAGE).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .when().post("/api/admin/dev-hotload/sessions/" + theirs.sessionId() + "/terminate").then().statusCode(404);
    }

    @Test
    void terminateAndReloadAreAuditedAndQueryable() {
        String tenant = "audit-" + System.nanoTime();
        var s = DevApi.registerExternal(tenant);
        as(tenant, MANAGE).contentType(ContentType.JSON).body(Map.of("reason", "stuck plugin"))
                .when().post("/api/admin/dev-hotload/sessions/" + s.sessionId() + "/reload").then().statusCode(202)
                .body("data.sessionId", equalTo(s.sessionId())).body("data.sequence", equalTo(1))
                .body("data.auditId", matchesPattern("[0-9a-f-]{36}"));
        as(tenant, MANAGE).contentType(ContentType.JSON).body(Map.of("reason", "policy"))
                .when().post("/api/admin/dev-hotload/sessions/" + s.sessionId() + "/terminate").then().statusCode(200)
                .body("data.status", equalTo("terminated")).body("data.auditId", notNullValue());
        as(tenant, MANAGE).queryParam("sessionId", s.sessionId()).when().get("/api/admin/dev-hotload/audit").then().statusCode(200)
                .body("data.items.action", hasItem("admin.terminate"))
                .body("data.items.action", hasItem("admin.reload"))
                .body("data.items.action", hasItem("register"))
                .body("data.items.reason", hasItem("policy"))
                .body("data.items[0].tenant", equalTo(tenant))
                .body("data.items[0].actor", equalTo("dev-" + tenant))
                .body("data.items[0].at", notNullValue());
        as("audit-elsewhere", MANAGE).queryParam("sessionId", s.sessionId()).when().get("/api/admin/dev-hotload/audit").then()
                .statusCode(200).body("data.items.size()", equalTo(0));
    }
}
