package com.powerx.devhotload.platform;

import com.powerx.devhotload.devstack.LocalTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** PX_AUTH_MODE=oidc: nothing is implied by a loopback address; only verified tokens identify a caller. */
@QuarkusTest
@TestProfile(OidcModeAuthTest.OidcMode.class)
class OidcModeAuthTest {

    public static class OidcMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("px.auth.mode", "oidc");
        }
    }

    @Test
    void loopbackWithoutCredentialsIsAnonymous() {
        given().when().get("/test/caller").then().statusCode(200).body("data.kind", equalTo("ANONYMOUS"));
        given().when().get("/test/tenant").then().statusCode(401).body("error_code", equalTo("DEV_UNAUTHORIZED"));
    }

    @Test
    void aVerifiedTokenStillIdentifiesItsTenant() {
        String token = LocalTokens.forTests().mint("acme", "alice", List.of());
        given().auth().oauth2(token).when().get("/test/tenant").then().statusCode(200).body("data.tenantId", equalTo("acme"));
    }

    @Test
    void aTokenWithoutTenantClaimIdentifiesNobody() {
        // Minted for an empty tenant: the claim is present but blank, so it cannot scope any query.
        String token = LocalTokens.forTests().mint("", "alice", List.of());
        given().auth().oauth2(token).when().get("/test/tenant").then().statusCode(401);
    }
}
