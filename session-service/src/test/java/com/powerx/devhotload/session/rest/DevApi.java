package com.powerx.devhotload.session.rest;

import com.powerx.devhotload.devstack.LocalTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Test client of the Dev API over real HTTP: what the PowerX CLIs send, nothing more. */
final class DevApi {

    private DevApi() {
    }

    static String sha256(String content) {
        return sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pluginId() {
        return "com.acme.p" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A tenant member's JWT, minted with the test JVM's local dev key. */
    static RequestSpecification as(String tenant, String... roles) {
        return given().auth().oauth2(LocalTokens.forTests().mint(tenant, "dev-" + tenant, List.of(roles)));
    }

    static RequestSpecification withToken(String reloadToken) {
        return given().auth().oauth2(reloadToken);
    }

    static ValidatableResponse register(RequestSpecification as, Object body) {
        return as.contentType(ContentType.JSON).body(body).when().post("/internal/dev/plugins/register").then();
    }

    static Map<String, Object> file(String path, String content) {
        return Map.of("path", path, "sha256", sha256(content), "size", content.length());
    }

    static ValidatableResponse upload(RequestSpecification as, String content) {
        return as.contentType(ContentType.BINARY).body(content.getBytes(StandardCharsets.UTF_8))
                .when().put("/internal/dev/plugins/blobs/" + sha256(content)).then();
    }

    static ValidatableResponse reload(RequestSpecification as, Object body) {
        return as.contentType(ContentType.JSON).body(body).when().post("/internal/dev/plugins/reload").then();
    }

    /** A registered session: its id and token. */
    record Registered(String sessionId, String reloadToken, String pluginId) {
    }

    static Registered registerExternal(String tenant) {
        String plugin = pluginId();
        var r = register(as(tenant), Map.of("pluginId", plugin, "version", "1.0.0")).statusCode(201).extract();
        return new Registered(r.path("data.sessionId"), r.path("data.reloadToken"), plugin);
    }

    /** A node session whose single file is already uploaded (so it is starting, not waiting). */
    static Registered registerNode(String tenant, String content) {
        upload(as(tenant), content).statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        String plugin = pluginId();
        var r = register(as(tenant), Map.of("pluginId", plugin, "version", "1.0.0", "runtime", "node",
                "files", List.of(file("index.mjs", content)))).statusCode(201).extract();
        return new Registered(r.path("data.sessionId"), r.path("data.reloadToken"), plugin);
    }
}
