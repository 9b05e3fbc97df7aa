package com.powerx.devhotload.platform;

import com.powerx.devhotload.devstack.LocalTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** PX_AUTH_MODE=local: the loopback developer, local dev tokens, reload tokens, and what is refused. */
@QuarkusTest
class LocalAuthTest {

    @Test
    void loopbackWithoutCredentialsIsTheLocalDeveloperWithEveryPermission() {
        given().when().get("/test/caller")
                .then().statusCode(200)
                .body("data.kind", equalTo("LOCAL"))
                .body("data.tenantId", equalTo("local"))
                .body("data.developerId", equalTo("local"))
                .body("data.permissions", containsInAnyOrder("admin.devHotload.manage", "admin.devHotload.global"));
    }

    @Test
    void aLocalDevTokenActsAsItsTenantAndSubject() {
        String token = LocalTokens.forTests().mint("acme", "alice", List.of("admin.devHotload.manage"));
        given().auth().oauth2(token)
                .when().get("/test/caller")
                .then().statusCode(200)
                .body("data.kind", equalTo("TOKEN"))
                .body("data.tenantId", equalTo("acme"))
                .body("data.developerId", equalTo("alice"))
                .body("data.permissions", hasItem("admin.devHotload.manage"));
    }

    @Test
    void theGoCliSendsItsTokenInXApiKey() {
        String token = LocalTokens.forTests().mint("globex", "bob", List.of());
        given().header("X-API-Key", token)
                .when().get("/test/caller")
                .then().statusCode(200)
                .body("data.tenantId", equalTo("globex"))
                .body("data.developerId", equalTo("bob"));
    }

    @Test
    void eventSourceClientsMaySendTheTokenAsACookie() {
        String token = LocalTokens.forTests().mint("initech", "carol", List.of());
        given().cookie("px_token", token)
                .when().get("/test/caller")
                .then().statusCode(200)
                .body("data.tenantId", equalTo("initech"));
    }

    @Test
    void aTokenSignedByAnotherKeyIsRejected() throws Exception {
        var otherKeys = LocalTokens.inDirectory(java.nio.file.Files.createTempDirectory("other-keys"));
        given().auth().oauth2(otherKeys.mint("acme", "mallory", List.of("admin.devHotload.global")))
                .when().get("/test/caller")
                .then().statusCode(401)
                .body("error_code", equalTo("DEV_UNAUTHORIZED"));
    }

    /** A bad token is refused before the body is validated, the content type checked or the route matched. */
    @Test
    void aBadTokenIs401BeforeAnythingElseLooksAtTheRequest() throws Exception {
        var otherKeys = LocalTokens.inDirectory(java.nio.file.Files.createTempDirectory("other-keys"));
        for (String token : List.of(otherKeys.mint("acme", "mallory", List.of()),
                LocalTokens.forTests().mint("acme", "alice", List.of(), java.time.Duration.ofMinutes(-5)), "not.a.jwt")) {
            given().auth().oauth2(token).contentType("application/json").body("{}")
                    .when().post("/test/widgets")
                    .then().statusCode(401).body("error_code", equalTo("DEV_UNAUTHORIZED"));
            given().auth().oauth2(token).contentType("text/plain").body("x")
                    .when().post("/test/widgets")
                    .then().statusCode(401).body("error_code", equalTo("DEV_UNAUTHORIZED"));
            given().auth().oauth2(token).when().get("/no/such/thing")
                    .then().statusCode(401).body("error_code", equalTo("DEV_UNAUTHORIZED"));
        }
        // A good one still reaches validation.
        given().auth().oauth2(LocalTokens.forTests().mint("acme", "alice", List.of())).contentType("application/json").body("{}")
                .when().post("/test/widgets").then().statusCode(400);
    }

    @Test
    void aTamperedTokenIsRejected() {
        String token = LocalTokens.forTests().mint("acme", "alice", List.of());
        String[] parts = token.split("\\.");
        String forgedClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("acme", "evil").getBytes());
        given().auth().oauth2(parts[0] + "." + forgedClaims + "." + parts[2])
                .when().get("/test/caller")
                .then().statusCode(401);
    }

    @Test
    void anOpaqueBearerIsAReloadTokenWithoutTenant() {
        given().auth().oauth2("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .when().get("/test/caller")
                .then().statusCode(200)
                .body("data.kind", equalTo("RELOAD_TOKEN"))
                .body("data.hasReloadToken", equalTo(true))
                .body("data.tenantId", equalTo("null"));
        given().auth().oauth2("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .when().get("/test/tenant")
                .then().statusCode(401)
                .body("error_code", equalTo("DEV_UNAUTHORIZED"));
    }
}
