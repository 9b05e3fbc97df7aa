package com.powerx.devhotload.sandbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.EventProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The crash-loop limit of CONTRACT.md §4: a plugin that keeps crashing is restarted with doubling backoff at most
 * 5 times in 5 minutes, then left {@code failed}. The backoff starts at 50 ms here instead of 1 s (same doubling).
 */
@QuarkusTest
@TestProfile(CrashLoopTest.FastBackoff.class)
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_sandbox"))
class CrashLoopTest {

    public static class FastBackoff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("px.sandbox.restart-backoff-ms", "50");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aPluginThatKeepsCrashingIsRestartedFiveTimesWithDoublingBackoffThenFails() {
        String id = UUID.randomUUID().toString();
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_SANDBOX)) {
            probe.publish(Plugins.registered("local", id, "node", "index.mjs", "broken/node/crash"));
            Sandboxes.await(probe, EventTypes.SANDBOX_READY, id);
            Sandboxes.invoke(id, "increment", Map.of()).statusCode(200);

            for (int crash = 1; crash <= 5; crash++) {
                Sandboxes.invoke(id, "crash", Map.of()).statusCode(502);
                JsonNode crashed = Sandboxes.await(probe, EventTypes.SANDBOX_CRASHED, id, crash).data();
                assertThat(crashed.path("willRestart").asBoolean()).as("crash %d", crash).isTrue();
                assertThat(crashed.path("restartInMs").asLong()).as("backoff of crash %d", crash).isEqualTo(50L << (crash - 1));
                JsonNode ready = Sandboxes.await(probe, EventTypes.SANDBOX_READY, id, crash + 1).data();
                assertThat(ready.path("restarts").asInt()).isEqualTo(crash);
                assertThat(Sandboxes.count(id, "get")).as("state kept through restart %d", crash).isEqualTo(1);
            }

            Sandboxes.invoke(id, "crash", Map.of()).statusCode(502);
            JsonNode last = Sandboxes.await(probe, EventTypes.SANDBOX_CRASHED, id, 6).data();
            assertThat(last.path("willRestart").asBoolean()).isFalse();
            assertThat(last.has("restartInMs") && !last.get("restartInMs").isNull()).isFalse();
            given().when().get("/internal/dev/sandboxes/{id}", id).then().statusCode(200)
                    .body("data.state", equalTo("failed")).body("data.restarts", equalTo(5));
            Sandboxes.invoke(id, "get", Map.of()).statusCode(409);

            probe.publish(Plugins.terminated("local", id));
            Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, id);
        }
    }
}
