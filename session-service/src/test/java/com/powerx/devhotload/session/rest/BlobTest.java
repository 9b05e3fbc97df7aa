package com.powerx.devhotload.session.rest;

import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.powerx.devhotload.session.rest.DevApi.as;
import static com.powerx.devhotload.session.rest.DevApi.file;
import static com.powerx.devhotload.session.rest.DevApi.register;
import static com.powerx.devhotload.session.rest.DevApi.sha256;
import static com.powerx.devhotload.session.rest.DevApi.upload;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/** Content-addressed, tenant-scoped blobs; sessions waiting for files start when the last one arrives. */
@QuarkusTest
class BlobTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void uploadIsStoredOnceAndReadBack() {
        String content = "export const v = '" + UUID.randomUUID() + "';";
        String hash = sha256(content);
        as("acme").contentType(ContentType.JSON).body(Map.of("sha256", List.of(hash)))
                .when().post("/internal/dev/plugins/blobs/missing").then().statusCode(200).body("data.missing", contains(hash));
        upload(as("acme"), content).statusCode(201).body("data.size", equalTo(content.length()));
        upload(as("acme"), content).statusCode(200);
        as("acme").contentType(ContentType.JSON).body(Map.of("sha256", List.of(hash)))
                .when().post("/internal/dev/plugins/blobs/missing").then().statusCode(200).body("data.missing", empty());
        byte[] back = as("acme").when().get("/internal/dev/plugins/blobs/" + hash).then().statusCode(200).extract().asByteArray();
        assertThat(new String(back, StandardCharsets.UTF_8)).isEqualTo(content);
    }

    @Test
    void blobsAreScopedToTheirTenant() {
        String content = "tenant-secret-" + UUID.randomUUID();
        upload(as("acme"), content).statusCode(201);
        as("globex").when().get("/internal/dev/plugins/blobs/" + sha256(content)).then().statusCode(404).body("error_code", equalTo("DEV_NOT_FOUND"));
        as("globex").contentType(ContentType.JSON).body(Map.of("sha256", List.of(sha256(content))))
                .when().post("/internal/dev/plugins/blobs/missing").then().body("data.missing", contains(sha256(content)));
    }

    @Test
    void aHashMismatchStoresNothing() {
        String claimed = sha256("what the path says " + UUID.randomUUID());
        as("acme").contentType(ContentType.BINARY).body("something else".getBytes())
                .when().put("/internal/dev/plugins/blobs/" + claimed)
                .then().statusCode(400).body("error_code", equalTo("DEV_BAD_REQUEST")).body("reason_code", equalTo("hash_mismatch"));
        as("acme").when().get("/internal/dev/plugins/blobs/" + claimed).then().statusCode(404);
    }

    @Test
    void theFilesystemStoreOffersNoDirectUploadsSoThereIsNothingToConfirm() {
        String content = "big enough " + UUID.randomUUID();
        String hash = sha256(content);
        as("acme").contentType(ContentType.JSON).body(Map.of("sha256", List.of(hash), "sizes", Map.of(hash, 512L * 1024 * 1024)))
                .when().post("/internal/dev/plugins/blobs/missing").then().statusCode(200)
                .body("data.missing", contains(hash)).body("data.uploads", org.hamcrest.Matchers.nullValue());
        as("acme").when().post("/internal/dev/plugins/blobs/" + hash + "/uploaded").then().statusCode(404)
                .body("error_code", equalTo("DEV_NOT_FOUND"));
        as("acme").contentType(ContentType.JSON).body(Map.of("sha256", List.of(hash), "sizes", Map.of(hash, -1)))
                .when().post("/internal/dev/plugins/blobs/missing").then().statusCode(400);
    }

    @Test
    void badHashesContentTypesAndCredentialsAreRejected() {
        as("acme").contentType(ContentType.BINARY).body(new byte[] {1}).when().put("/internal/dev/plugins/blobs/abc").then().statusCode(400);
        as("acme").contentType(ContentType.JSON).body("{}").when().put("/internal/dev/plugins/blobs/" + sha256("{}")).then().statusCode(415);
        as("acme").contentType(ContentType.JSON).body(Map.of("sha256", List.of("ZZ"))).when().post("/internal/dev/plugins/blobs/missing")
                .then().statusCode(400);
        given().auth().oauth2("BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB").contentType(ContentType.BINARY).body("x".getBytes())
                .when().put("/internal/dev/plugins/blobs/" + sha256("x")).then().statusCode(401);
    }

    @Test
    void theReloadTokenWithSessionIdHeaderMayUpload() {
        var s = DevApi.registerExternal("acme");
        String content = "by token " + UUID.randomUUID();
        given().auth().oauth2(s.reloadToken()).header("X-Session-Id", s.sessionId()).contentType(ContentType.BINARY)
                .body(content.getBytes()).when().put("/internal/dev/plugins/blobs/" + sha256(content)).then().statusCode(201);
        as("acme").when().get("/internal/dev/plugins/blobs/" + sha256(content)).then().statusCode(200);
        given().auth().oauth2(s.reloadToken()).contentType(ContentType.BINARY)
                .body(content.getBytes()).when().put("/internal/dev/plugins/blobs/" + sha256(content)).then().statusCode(401);
        given().auth().oauth2("wrong-token-wrong-token-wrong-tok").header("X-Session-Id", s.sessionId()).contentType(ContentType.BINARY)
                .body(content.getBytes()).when().put("/internal/dev/plugins/blobs/" + sha256(content)).then().statusCode(401);
    }

    @Test
    void aServiceTokenReadsTheBlobOfTheTenantOwningTheNamedSessionAndNothingMore() {
        var s = DevApi.registerExternal("acme");
        String content = "fetched by the orchestrator " + UUID.randomUUID();
        upload(as("acme"), content).statusCode(201);
        var service = as("px-system", "devHotload.service");

        byte[] back = service.header("X-Session-Id", s.sessionId()).when().get("/internal/dev/plugins/blobs/" + sha256(content))
                .then().statusCode(200).extract().asByteArray();
        assertThat(new String(back, StandardCharsets.UTF_8)).isEqualTo(content);
        // Without a session it names no tenant; with an unknown one there is nothing to read.
        as("px-system", "devHotload.service").when().get("/internal/dev/plugins/blobs/" + sha256(content))
                .then().statusCode(400).body("error_code", equalTo("DEV_BAD_REQUEST"));
        as("px-system", "devHotload.service").header("X-Session-Id", UUID.randomUUID().toString())
                .when().get("/internal/dev/plugins/blobs/" + sha256(content)).then().statusCode(404);
        // The role is what opens it: a plain token of another tenant naming the same session still sees nothing.
        as("globex").header("X-Session-Id", s.sessionId()).when().get("/internal/dev/plugins/blobs/" + sha256(content))
                .then().statusCode(404);
        // And the service token cannot write into a tenant through a session header.
        as("px-system", "devHotload.service").header("X-Session-Id", s.sessionId()).contentType(ContentType.BINARY)
                .body("planted".getBytes()).when().put("/internal/dev/plugins/blobs/" + sha256("planted")).then().statusCode(201);
        as("acme").when().get("/internal/dev/plugins/blobs/" + sha256("planted")).then().statusCode(404);
    }

    @Test
    void aSessionWaitsForItsFilesAndStartsWhenTheLastOneArrives() {
        String a = "export const a = '" + UUID.randomUUID() + "';";
        String b = "export const b = '" + UUID.randomUUID() + "';";
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_LIFECYCLE)) {
            var r = register(as("acme"), Map.of("pluginId", DevApi.pluginId(), "runtime", "node",
                    "files", List.of(file("index.mjs", a), file("lib/b.mjs", b)))).statusCode(201).extract();
            String id = r.path("data.sessionId");
            assertThat((List<String>) r.path("data.missingBlobs")).containsExactlyInAnyOrder(sha256(a), sha256(b));
            as("acme").when().get("/internal/dev/plugins/sessions/" + id).then().body("data.sandbox.state", equalTo("waiting-for-files"));

            upload(as("acme"), a).statusCode(201);
            as("acme").when().get("/internal/dev/plugins/sessions/" + id).then().body("data.sandbox.state", equalTo("waiting-for-files"));
            upload(as("acme"), b).statusCode(201);
            as("acme").when().get("/internal/dev/plugins/sessions/" + id).then()
                    .body("data.status", equalTo("pending")).body("data.sandbox.state", equalTo("starting"));

            var updates = probe.await(EventProbe.of(EventTypes.SESSION_UPDATED, id), 1, Duration.ofSeconds(20));
            assertThat(updates).hasSize(1);
            assertThat(updates.getFirst().data().get("sandboxState").asText()).isEqualTo("starting");
            assertThat(updates.getFirst().data().get("missingBlobs")).isEmpty();
        }
    }
}
