package com.powerx.devhotload.session.rest;

import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.powerx.devhotload.session.rest.DevApi.as;
import static com.powerx.devhotload.session.rest.DevApi.file;
import static com.powerx.devhotload.session.rest.DevApi.pluginId;
import static com.powerx.devhotload.session.rest.DevApi.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** POST /internal/dev/plugins/register in all three request forms, its rules, conflicts and its event. */
@QuarkusTest
class RegisterTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void ourFormRegistersAPendingNodeSessionAndPublishesItWithTheTokenHashOnly() {
        String plugin = pluginId();
        String content = "export const handlers = {};";
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_LIFECYCLE)) {
            var r = register(as("acme"), Map.of(
                    "pluginId", plugin,
                    "manifest", Map.of("id", plugin, "name", "Counter", "version", "1.0.0", "runtime", "node", "entry", "index.mjs",
                            "env", Map.of("API_URL", "https://api.example.test", "LOG_LEVEL", "debug")),
                    "version", "1.0.0", "entryPoints", List.of("index.mjs"),
                    "files", List.of(file("index.mjs", content)),
                    "buildHash", "sha256:abc", "cliVersion", "1.12.0", "metadata", Map.of("k", "v"), "takeover", false))
                    .statusCode(201)
                    .body("code", equalTo(201))
                    .body("data.sessionId", matchesPattern("[0-9a-f-]{36}"))
                    .body("data.reloadToken", matchesPattern("[A-Za-z0-9_-]{32}"))
                    .body("data.status", equalTo("pending"))
                    .body("data.runtime", equalTo("node"))
                    .body("data.pluginId", equalTo(plugin))
                    .body("data.version", equalTo("1.0.0"))
                    .body("data.missingBlobs", hasItem(DevApi.sha256(content)))
                    .body("data.streamUrl", notNullValue())
                    .body("data.logUrl", notNullValue())
                    .body("data.adminUrl", notNullValue())
                    .extract();
            String sessionId = r.path("data.sessionId");
            String token = r.path("data.reloadToken");
            assertThat((String) r.path("sessionId")).isEqualTo(sessionId);
            assertThat((String) r.path("reloadToken")).isEqualTo(token);
            assertThat((String) r.path("status")).isEqualTo("pending");
            assertThat((String) r.path("expiresAt")).isNotBlank();

            List<CloudEvent> events = probe.await(EventProbe.of(EventTypes.SESSION_REGISTERED, sessionId), 1, Duration.ofSeconds(20));
            assertThat(events).hasSize(1);
            CloudEvent event = events.getFirst();
            assertThat(event.source()).isEqualTo("/session-service");
            assertThat(event.tenantid()).isEqualTo("acme");
            assertThat(event.pluginid()).isEqualTo(plugin);
            assertThat(event.data().get("reloadTokenSha256").asText()).isEqualTo(com.powerx.devhotload.session.domain.ReloadTokens.hashHex(token));
            assertThat(event.data().toString()).doesNotContain(token);
            assertThat(event.data().get("env").toString()).isEqualTo("{\"API_URL\":\"https://api.example.test\",\"LOG_LEVEL\":\"debug\"}");
            assertThat(event.data().get("runtime").asText()).isEqualTo("node");

            // The token is never readable again.
            as("acme").when().get("/internal/dev/plugins/sessions/" + sessionId).then().statusCode(200)
                    .body("data.sandbox.state", equalTo("waiting-for-files"))
                    .body("data.reloadToken", nullValue())
                    .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(token)));
        }
    }

    @Test
    void theTypeScriptClientsFormIsAccepted() {
        String plugin = pluginId();
        register(as("acme"), Map.of("manifest", Map.of("id", plugin, "version", "2.1.0"), "tenant", "someone-else"))
                .statusCode(201)
                .body("data.pluginId", equalTo(plugin))
                .body("data.version", equalTo("2.1.0"))
                .body("data.runtime", equalTo("external"))
                .body("data.status", equalTo("active")); // external without endpoint: notification-only, active at once
    }

    @Test
    void theGoCliFormIsAcceptedWithItsTokenInXApiKeyAndTheBodyCannotChooseTheTenant() {
        String plugin = pluginId();
        String token = com.powerx.devhotload.devstack.LocalTokens.forTests().mint("globex", "gopher", List.of());
        var r = given().header("X-API-Key", token).contentType(ContentType.JSON)
                .body(Map.of("pluginId", plugin, "version", "0.3.1", "entryPath", "main.go", "tenant", "acme", "tenantId", "acme",
                        "developerId", "mallory", "metadata", Map.of("go", "1.22"), "capabilities", List.of("hot-reload")))
                .when().post("/internal/dev/plugins/register")
                .then().statusCode(201).body("data.runtime", equalTo("external")).extract();
        String sessionId = r.path("sessionId");
        as("globex").when().get("/internal/dev/plugins/sessions/" + sessionId).then().statusCode(200)
                .body("data.tenant", equalTo("globex"))
                .body("data.developerId", equalTo("gopher"));
        as("acme").when().get("/internal/dev/plugins/sessions/" + sessionId).then().statusCode(404);
    }

    @Test
    void runtimeDefaultsFollowTheContract() {
        register(as("acme"), Map.of("pluginId", pluginId(), "files", List.of(file("a.mjs", "x"))))
                .statusCode(201).body("data.runtime", equalTo("node")).body("data.status", equalTo("pending"));
        register(as("acme"), Map.of("pluginId", pluginId(), "sandboxEndpoint", "http://127.0.0.1:9000", "files", List.of(file("a.mjs", "x"))))
                .statusCode(201).body("data.runtime", equalTo("external")).body("data.status", equalTo("pending"));
        register(as("acme"), Map.of("pluginId", pluginId(), "manifest", Map.of("runtime", "python"), "files", List.of(file("plugin.py", "x"))))
                .statusCode(201).body("data.runtime", equalTo("python"));
    }

    @Test
    void oneLiveSessionPerPluginUnlessTakeover() {
        String plugin = pluginId();
        String first = register(as("acme"), Map.of("pluginId", plugin)).statusCode(201).extract().path("data.sessionId");
        register(as("acme"), Map.of("pluginId", plugin)).statusCode(409)
                .body("error_code", equalTo("DEV_CONFLICT"))
                .body("details.sessionId", equalTo(first))
                .body("details.pluginId", equalTo(plugin))
                .body("details.status", equalTo("active"));
        // Another tenant may use the same plugin id.
        register(as("globex"), Map.of("pluginId", plugin)).statusCode(201);

        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_LIFECYCLE)) {
            String second = register(as("acme"), Map.of("pluginId", plugin, "takeover", true)).statusCode(201).extract().path("data.sessionId");
            as("acme").when().get("/internal/dev/plugins/sessions/" + first).then()
                    .body("data.status", equalTo("terminated")).body("data.terminationNote", equalTo("takeover"));
            as("acme").when().get("/internal/dev/plugins/sessions/" + second).then().body("data.status", equalTo("active"));
            assertThat(probe.await(EventProbe.of(EventTypes.SESSION_TERMINATED, first), 1, Duration.ofSeconds(20))).hasSize(1);
        }
    }

    @Test
    void concurrentRegistersOfOnePluginYieldExactlyOneSession() throws Exception {
        String plugin = pluginId();
        List<Thread> threads = new ArrayList<>();
        List<Integer> codes = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofVirtual().start(() -> codes.add(register(as("acme"), Map.of("pluginId", plugin)).extract().statusCode())));
        }
        for (Thread t : threads) t.join();
        assertThat(codes).containsOnly(201, 409);
        assertThat(codes.stream().filter(c -> c == 201).count()).isEqualTo(1);
    }

    @Test
    void invalidRequestsAreRejectedAndChangeNothing() {
        String plugin = pluginId();
        List<Map<String, Object>> bad = List.of(
                Map.of("version", "1.0.0"),
                Map.of("pluginId", "Com.Acme"),
                Map.of("pluginId", "a"),
                Map.of("pluginId", plugin, "version", "1.0"),
                Map.of("pluginId", plugin, "runtime", "ruby"),
                Map.of("pluginId", plugin, "files", List.of(file("../etc/passwd", "x"))),
                Map.of("pluginId", plugin, "files", List.of(file("/abs.mjs", "x"))),
                Map.of("pluginId", plugin, "files", List.of(file("win\\path.mjs", "x"))),
                Map.of("pluginId", plugin, "files", List.of(file("a".repeat(1025), "x"))),
                Map.of("pluginId", plugin, "files", List.of(Map.of("path", "a.mjs", "sha256", "not-a-hash"))),
                Map.of("pluginId", plugin, "watchFileLimit", 1, "files", List.of(file("a.mjs", "x"), file("b.mjs", "y"))),
                Map.of("pluginId", plugin, "watchFileLimit", 10_001));
        for (Map<String, Object> body : bad) {
            register(as("acme"), body).statusCode(400)
                    .body("error_code", equalTo("DEV_BAD_REQUEST"))
                    .body("details.violations.size()", org.hamcrest.Matchers.greaterThan(0));
        }
        // A NUL can never be stored: refused for every JSON body of every service, before any field is looked at.
        register(as("acme"), Map.of("pluginId", plugin, "files", List.of(file("nul\u0000.mjs", "x")))).statusCode(400)
                .body("error_code", equalTo("DEV_BAD_REQUEST")).body("reason_code", equalTo("invalid_characters"));
        as("acme").contentType(ContentType.JSON).body("{\"pluginId\": ").when().post("/internal/dev/plugins/register")
                .then().statusCode(400).body("reason_code", equalTo("malformed_json"));
        as("acme").contentType(ContentType.JSON).body("{\"pluginId\": [1,2]}").when().post("/internal/dev/plugins/register")
                .then().statusCode(400).body("details.violations.field", hasItem("pluginId"));
        as("acme").contentType(ContentType.TEXT).body("pluginId=x").when().post("/internal/dev/plugins/register")
                .then().statusCode(415).body("error_code", equalTo("DEV_UNSUPPORTED_MEDIA_TYPE"));
        register(as("acme"), Map.of("pluginId", plugin, "files", List.of(Map.of("path", "big.bin", "sha256", DevApi.sha256("b"), "size", 300L * 1024 * 1024))))
                .statusCode(413).body("error_code", equalTo("DEV_PAYLOAD_TOO_LARGE"));
        // None of the rejected requests created a session for the plugin.
        as("acme").queryParam("pluginId", plugin).queryParam("status", "all")
                .when().get("/internal/dev/plugins/sessions").then().statusCode(200).body("data.total", equalTo(0));
    }

    @Test
    void registerNeedsDeveloperCredentials() {
        given().auth().oauth2("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").contentType(ContentType.JSON).body(Map.of("pluginId", pluginId()))
                .when().post("/internal/dev/plugins/register").then().statusCode(401).body("error_code", equalTo("DEV_UNAUTHORIZED"));
    }

    @Test
    void violationsNameEveryBadField() {
        register(as("acme"), Map.of("pluginId", "BAD", "version", "x", "runtime", "cobol"))
                .statusCode(400).body("details.violations.field", hasItems("pluginId", "version", "runtime"));
    }
}
