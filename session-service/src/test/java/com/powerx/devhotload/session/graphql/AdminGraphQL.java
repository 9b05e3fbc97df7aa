package com.powerx.devhotload.session.graphql;

import com.powerx.devhotload.devstack.LocalTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Test client of the Admin GraphQL API (and the REST calls its tests set data up with), over real HTTP. */
final class AdminGraphQL {

    static final String MANAGE = "admin.devHotload.manage";
    static final String PATH = "/internal/admin/graphql";
    static final String SESSION_FIELDS = "sessionId pluginId developerId version runtime status sandboxState "
            + "lastReload { sequence result durationMs at } openAlerts createdAt expiresAt";

    private AdminGraphQL() {
    }

    /** A tenant member's JWT, minted with the test JVM's local dev key. */
    static RequestSpecification as(String tenant, String... roles) {
        return given().auth().oauth2(LocalTokens.forTests().mint(tenant, "dev-" + tenant, List.of(roles)));
    }

    static ValidatableResponse graphql(RequestSpecification as, String query, Map<String, Object> variables) {
        return as.contentType(ContentType.JSON).body(Map.of("query", query, "variables", variables))
                .when().post(PATH).then().log().ifValidationFails();
    }

    static ValidatableResponse graphql(RequestSpecification as, String query) {
        return graphql(as, query, Map.of());
    }

    /** Registers an external session (active at once) through the Dev API; answers its id. */
    static String register(String tenant) {
        return register(tenant, "com.acme.g" + UUID.randomUUID().toString().substring(0, 8));
    }

    static String register(String tenant, String pluginId) {
        return as(tenant).contentType(ContentType.JSON).body(Map.of("pluginId", pluginId, "version", "1.0.0"))
                .when().post("/internal/dev/plugins/register").then().statusCode(201).extract().path("data.sessionId");
    }
}
