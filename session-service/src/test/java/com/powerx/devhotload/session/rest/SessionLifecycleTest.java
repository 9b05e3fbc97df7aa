package com.powerx.devhotload.session.rest;

import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.powerx.devhotload.session.rest.DevApi.as;
import static com.powerx.devhotload.session.rest.DevApi.reload;
import static com.powerx.devhotload.session.rest.DevApi.withToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

/** Session reads, the Go CLI's status call, terminate (both paths), heartbeat, resume and the bulk purge. */
@QuarkusTest
class SessionLifecycleTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void listsAreTenantScopedFilteredAndPaged() {
        var a = DevApi.registerExternal("list-tenant");
        DevApi.registerExternal("list-tenant");
        var other = DevApi.registerExternal("list-other");
        as("list-tenant").queryParam("limit", 1).when().get("/internal/dev/plugins/sessions").then().statusCode(200)
                .body("data.items", hasSize(1)).body("data.limit", equalTo(1)).body("data.offset", equalTo(0))
                .body("data.total", greaterThanOrEqualTo(2));
        as("list-tenant").queryParam("pluginId", a.pluginId()).when().get("/internal/dev/plugins/sessions").then()
                .body("data.items.sessionId", equalTo(List.of(a.sessionId())));
        as("list-tenant").queryParam("pluginId", other.pluginId()).when().get("/internal/dev/plugins/sessions").then()
                .body("data.total", equalTo(0));
        as("list-tenant").queryParam("status", "active,pending").when().get("/internal/dev/plugins/sessions").then()
                .body("data.items.status", everyItem(org.hamcrest.Matchers.oneOf("active", "pending")));
        as("list-tenant").queryParam("status", "bogus").when().get("/internal/dev/plugins/sessions").then().statusCode(400);
        as("list-tenant").queryParam("limit", 201).when().get("/internal/dev/plugins/sessions").then().statusCode(400);
        given().auth().oauth2(a.reloadToken()).when().get("/internal/dev/plugins/sessions").then().statusCode(401);
    }

    @Test
    void theGoCliStatusCallCopiesItsFieldsToTheTopLevel() {
        var s = DevApi.registerExternal("acme");
        reload(withToken(s.reloadToken()), Map.of("sessionId", s.sessionId())).statusCode(202);
        withToken(s.reloadToken()).when().get("/internal/dev/plugins/" + s.sessionId()).then().statusCode(200)
                .body("sessionId", equalTo(s.sessionId()))
                .body("status", equalTo("active"))
                .body("pluginId", equalTo(s.pluginId()))
                .body("version", equalTo("1.0.0"))
                .body("registeredAt", matchesPattern("\\d{4}-\\d{2}-\\d{2}T.*Z"))
                .body("reloadCount", equalTo(1))
                .body("uptime", greaterThanOrEqualTo(0))
                .body("data.sandbox.state", equalTo("ready"))
                .body("data.streamUrl", notNullValue());
        withToken("z".repeat(32)).when().get("/internal/dev/plugins/" + s.sessionId()).then().statusCode(401);
        as("globex").when().get("/internal/dev/plugins/" + s.sessionId()).then().statusCode(404);
    }

    @Test
    void terminateWorksOnBothPathsIsIdempotentAndEmitsOnce() {
        var s = DevApi.registerExternal("acme");
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_LIFECYCLE)) {
            withToken(s.reloadToken()).queryParam("note", "done for today").when().delete("/internal/dev/plugins/register/" + s.sessionId())
                    .then().statusCode(200).body("data.sessionId", equalTo(s.sessionId())).body("data.status", equalTo("terminated"))
                    .body("data.note", equalTo("done for today"));
            as("acme").when().delete("/internal/dev/plugins/sessions/" + s.sessionId())
                    .then().statusCode(200).body("data.status", equalTo("terminated")).body("data.note", equalTo("done for today"));
            as("globex").when().delete("/internal/dev/plugins/sessions/" + s.sessionId()).then().statusCode(404);
            assertThat(probe.during(EventProbe.of(EventTypes.SESSION_TERMINATED, s.sessionId()), Duration.ofSeconds(2))).hasSize(1);
        }
        as("acme").when().get("/internal/dev/plugins/sessions/" + s.sessionId()).then()
                .body("data.status", equalTo("terminated")).body("data.endedAt", notNullValue());
        withToken(s.reloadToken()).when().post("/internal/dev/plugins/sessions/" + s.sessionId() + "/heartbeat").then().statusCode(410);
    }

    @Test
    void heartbeatExtendsTheExpiry() {
        var s = DevApi.registerExternal("acme");
        String before = as("acme").when().get("/internal/dev/plugins/sessions/" + s.sessionId()).then().extract().path("data.expiresAt");
        String after = withToken(s.reloadToken()).when().post("/internal/dev/plugins/sessions/" + s.sessionId() + "/heartbeat")
                .then().statusCode(200).extract().path("data.expiresAt");
        assertThat(Instant.parse(after)).isAfterOrEqualTo(Instant.parse(before));
        // A state-changing call, so audited (PX_DEV_SESSION_AUDIT defaults to true), with the token as its actor.
        as("acme", "admin.devHotload.manage").queryParam("sessionId", s.sessionId()).when().get("/api/admin/dev-hotload/audit")
                .then().statusCode(200)
                .body("data.items.findAll { it.action == 'heartbeat' }.actor", org.hamcrest.Matchers.contains("reload-token:" + s.sessionId()));
    }

    @Test
    void resumeIssuesANewTokenAndTheOldOneStopsWorking() {
        var s = DevApi.registerExternal("acme");
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_LIFECYCLE)) {
            String fresh = as("acme").when().post("/internal/dev/plugins/sessions/" + s.sessionId() + "/resume")
                    .then().statusCode(200).extract().path("data.reloadToken");
            assertThat(fresh).hasSize(32).isNotEqualTo(s.reloadToken());
            reload(withToken(s.reloadToken()), Map.of("sessionId", s.sessionId())).statusCode(401);
            reload(withToken(fresh), Map.of("sessionId", s.sessionId())).statusCode(202);
            var updated = probe.await(EventProbe.of(EventTypes.SESSION_UPDATED, s.sessionId()), 1, Duration.ofSeconds(20));
            assertThat(updated.getFirst().data().get("reloadTokenSha256").asText())
                    .isEqualTo(com.powerx.devhotload.session.domain.ReloadTokens.hashHex(fresh));
        }
        withToken(s.reloadToken()).when().post("/internal/dev/plugins/sessions/" + s.sessionId() + "/resume").then().statusCode(401);
    }

    @Test
    void purgeDeletesEndedSessionsAndLiveOnesOnlyWhenForcedAndConfirmed() {
        String tenant = "purge-" + System.nanoTime();
        var ended = DevApi.registerExternal(tenant);
        as(tenant).when().delete("/internal/dev/plugins/sessions/" + ended.sessionId()).then().statusCode(200);
        var live = DevApi.registerExternal(tenant);
        as(tenant, "admin.devHotload.manage").queryParam("status", "active").when().delete("/internal/dev/plugins/sessions")
                .then().statusCode(400).body("reason_code", equalTo("force_required"));
        as(tenant, "admin.devHotload.manage").queryParam("status", "active").queryParam("force", true)
                .when().delete("/internal/dev/plugins/sessions").then().statusCode(400);
        as(tenant).when().delete("/internal/dev/plugins/sessions").then().statusCode(403);
        as(tenant, "admin.devHotload.manage").when().delete("/internal/dev/plugins/sessions").then().statusCode(200)
                .body("data.deleted", equalTo(1)).body("data.sessionIds", equalTo(List.of(ended.sessionId()))).body("data.force", equalTo(false));
        as(tenant, "admin.devHotload.manage").queryParam("status", "active").queryParam("force", true).header("X-Force-Delete", "true")
                .when().delete("/internal/dev/plugins/sessions").then().statusCode(200)
                .body("data.deleted", equalTo(1)).body("data.sessionIds", equalTo(List.of(live.sessionId()))).body("data.force", equalTo(true));
        as(tenant).queryParam("status", "all").when().get("/internal/dev/plugins/sessions").then().body("data.total", equalTo(0));
    }
}
