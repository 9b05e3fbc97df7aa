package com.powerx.devhotload.session.rest;

import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.powerx.devhotload.session.rest.DevApi.as;
import static com.powerx.devhotload.session.rest.DevApi.register;
import static com.powerx.devhotload.session.rest.DevApi.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Configured limits (blob, bundle) and idle expiry, with small values so they can be reached in a test. */
@QuarkusTest
@TestProfile(LimitsAndExpiryTest.SmallLimits.class)
class LimitsAndExpiryTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("px.dev.max-blob-bytes", "1024", "px.dev.max-bundle-bytes", "4096",
                    "px.dev.session-ttl", "2s", "px.dev.expiry-check", "1s", "px.dev.rate-limit.register", "3");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aBlobOverTheLimitIs413AndNothingIsStored() {
        byte[] big = new byte[2048];
        java.util.Arrays.fill(big, (byte) 'a');
        String hash = sha256(big);
        as("acme").contentType(ContentType.BINARY).body(big).when().put("/internal/dev/plugins/blobs/" + hash)
                .then().statusCode(413).body("error_code", equalTo("DEV_PAYLOAD_TOO_LARGE"));
        as("acme").when().get("/internal/dev/plugins/blobs/" + hash).then().statusCode(404);
    }

    @Test
    void registersOverTheTenantsRateAre429WithRetryAfterAndOtherTenantsAreUnaffected() {
        String tenant = "rl-" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            register(as(tenant), Map.of("pluginId", DevApi.pluginId())).statusCode(201);
        }
        register(as(tenant), Map.of("pluginId", DevApi.pluginId())).statusCode(429)
                .body("error_code", equalTo("DEV_RATE_LIMITED"))
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
        register(as(tenant + "-other"), Map.of("pluginId", DevApi.pluginId())).statusCode(201);
    }

    @Test
    void aBundleDeclaredOverTheLimitIs413() {
        register(as("acme"), Map.of("pluginId", DevApi.pluginId(),
                "files", List.of(Map.of("path", "a.mjs", "sha256", sha256("a"), "size", 5000))))
                .statusCode(413).body("error_code", equalTo("DEV_PAYLOAD_TOO_LARGE"));
    }

    @Test
    void anIdleSessionExpiresWithItsEventAndAHeartbeatKeepsAnotherAlive() throws Exception {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_LIFECYCLE)) {
            // Its own tenant: this profile allows 3 registers per tenant and minute, and Redis counts across test classes.
            String tenant = "expiry-" + System.nanoTime();
            var idle = DevApi.registerExternal(tenant);
            var kept = DevApi.registerExternal(tenant);
            for (int i = 0; i < 8; i++) {
                DevApi.withToken(kept.reloadToken()).when().post("/internal/dev/plugins/sessions/" + kept.sessionId() + "/heartbeat")
                        .then().statusCode(200);
                Thread.sleep(500);
            }
            assertThat(probe.await(EventProbe.of(EventTypes.SESSION_EXPIRED, idle.sessionId()), 1, Duration.ofSeconds(10))).hasSize(1);
            as(tenant).when().get("/internal/dev/plugins/sessions/" + idle.sessionId()).then()
                    .body("data.status", equalTo("expired")).body("data.sandbox.state", equalTo("stopped"));
            as(tenant).when().get("/internal/dev/plugins/sessions/" + kept.sessionId()).then().body("data.status", equalTo("active"));
            DevApi.reload(DevApi.withToken(idle.reloadToken()), Map.of("sessionId", idle.sessionId())).statusCode(410);
        }
    }
}
