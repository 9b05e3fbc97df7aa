package com.powerx.devhotload.session.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.powerx.devhotload.session.rest.DevApi.as;
import static com.powerx.devhotload.session.rest.DevApi.register;
import static org.hamcrest.Matchers.equalTo;

/** PX_DEV_PLUGIN_HOTLOAD=false closes the Dev API; PX_ADMIN_DEV_MODE=0 hides the admin API (REST and GraphQL). */
@QuarkusTest
@TestProfile(FeatureFlagsTest.FlagsOff.class)
class FeatureFlagsTest {

    public static class FlagsOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("px.dev.plugin-hotload", "false", "px.admin.dev-mode", "0");
        }
    }

    @Test
    void everyDevApiCallIsForbidden() {
        register(as("acme"), Map.of("pluginId", DevApi.pluginId())).statusCode(403).body("error_code", equalTo("DEV_FEATURE_DISABLED"));
        as("acme").when().get("/internal/dev/plugins/sessions").then().statusCode(403).body("error_code", equalTo("DEV_FEATURE_DISABLED"));
        as("acme").when().get("/internal/dev/plugins/blobs/" + DevApi.sha256("x")).then().statusCode(403);
    }

    @Test
    void theAdminApiIsNotThere() {
        as("acme", "admin.devHotload.manage").when().get("/api/admin/dev-hotload/sessions").then().statusCode(404)
                .body("error_code", equalTo("DEV_NOT_FOUND"));
        // The GraphQL façade and its schema go with it.
        as("acme", "admin.devHotload.manage").contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("query", "{ devHotloadSessions { total } }")).when().post("/internal/admin/graphql").then()
                .statusCode(404).body("error_code", equalTo("DEV_NOT_FOUND"));
        as("acme", "admin.devHotload.manage").when().get("/internal/admin/graphql/schema.graphql").then().statusCode(404);
    }

    @Test
    void healthIsUnaffected() {
        io.restassured.RestAssured.given().when().get("/q/health/live").then().statusCode(200);
    }
}
