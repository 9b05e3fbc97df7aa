package com.powerx.devhotload.sandbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.EventProbe;
import com.powerx.devhotload.devstack.LocalTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Invoke error codes, a crashing plugin restarted on its last good version with its state, a failed first load. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_sandbox"))
class CrashAndInvokeErrorsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void invokeErrorsCrashRestartWithStateAndTerminate() {
        String id = UUID.randomUUID().toString();
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_SANDBOX)) {
            probe.publish(Plugins.registered("local", id, "node", "index.mjs", "broken/node/crash"));
            Sandboxes.await(probe, EventTypes.SANDBOX_READY, id);
            Sandboxes.count(id, "increment");
            assertThat(Sandboxes.count(id, "increment")).isEqualTo(2);

            Sandboxes.invoke(UUID.randomUUID().toString(), "get", Map.of()).statusCode(404).body("error_code", equalTo("DEV_NOT_FOUND"));
            given().auth().oauth2(LocalTokens.forTests().mint("tenant-b", "dev-b", List.of()))
                    .contentType(ContentType.JSON).body(Map.of("handler", "get"))
                    .when().post("/internal/dev/sandboxes/{id}/invoke", id).then().statusCode(404);
            Sandboxes.invoke(id, "boom", Map.of("reason", "bad input password=S3cr3t-Value-123")).statusCode(502)
                    .body("error_code", equalTo("DEV_UPSTREAM_FAILED"))
                    .body("details.error.message", containsString("boom: bad input"))
                    .body("details.error.message", not(containsString("S3cr3t-Value-123")))
                    .body("details.error.stack", not(containsString("S3cr3t-Value-123")));
            Sandboxes.invoke(id, "sleep", Map.of()).statusCode(504).body("error_code", equalTo("DEV_TIMEOUT"));

            long pid = given().when().get("/internal/dev/sandboxes/{id}", id).then().statusCode(200)
                    .extract().jsonPath().getLong("data.pid");
            Sandboxes.invoke(id, "crash", Map.of()).statusCode(502);
            JsonNode crashed = Sandboxes.await(probe, EventTypes.SANDBOX_CRASHED, id).data();
            assertThat(crashed.path("exitCode").asInt()).isEqualTo(3);
            assertThat(crashed.path("willRestart").asBoolean()).isTrue();
            assertThat(crashed.path("restartInMs").asLong()).isEqualTo(1000);
            JsonNode restarted = Sandboxes.await(probe, EventTypes.SANDBOX_READY, id, 2).data();
            assertThat(restarted.path("restarts").asInt()).isEqualTo(1);
            assertThat(Sandboxes.count(id, "get")).as("state restored after the crash").isEqualTo(2);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

            long newPid = given().when().get("/internal/dev/sandboxes/{id}", id).then().statusCode(200)
                    .body("data.restarts", equalTo(1)).extract().jsonPath().getLong("data.pid");
            probe.publish(Plugins.terminated("local", id));
            assertThat(Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, id).data().path("reason").asText()).isEqualTo("terminated");
            assertThat(ProcessHandle.of(newPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            Sandboxes.invoke(id, "get", Map.of()).statusCode(409).body("error_code", equalTo("DEV_CONFLICT"));
            given().when().get("/internal/dev/sandboxes/{id}", id).then().statusCode(200).body("data.state", equalTo("stopped"));
        }
    }

    /**
     * A client that got the 502 of a handler that exited and then waits for the sandbox to serve again must find the
     * crash counted: the sandbox is never reported ready with {@code restarts: 0} after that 502. (The race needs a
     * few tries to show: the 502 left before the exit watcher had recorded the crash.)
     */
    @Test
    void aCrashAnsweredWith502IsCountedBeforeTheSandboxServesAgain() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_SANDBOX)) {
            for (int i = 0; i < 10; i++) {
                String id = UUID.randomUUID().toString();
                probe.publish(Plugins.registered("local", id, "node", "index.mjs", "broken/node/crash"));
                Sandboxes.await(probe, EventTypes.SANDBOX_READY, id);
                assertThat(Sandboxes.count(id, "increment")).isEqualTo(1);

                Sandboxes.invoke(id, "crash", Map.of()).statusCode(502).body("details.error.code", equalTo("PLUGIN_EXITED"));
                JsonNode view = Sandboxes.awaitView(id, v -> "ready".equals(v.path("state").asText()));
                assertThat(view.path("restarts").asInt()).as("try %d: ready again after the crash: %s", i, view).isEqualTo(1);
                assertThat(Sandboxes.count(id, "get")).as("served again with its state").isEqualTo(1);

                probe.publish(Plugins.terminated("local", id));
                Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, id);
            }
        }
    }

    @Test
    void aFirstLoadThatFailsLeavesTheSandboxFailedWithItsError() {
        String id = UUID.randomUUID().toString();
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_SANDBOX)) {
            probe.publish(Plugins.registered("local", id, "node", "index.mjs", "broken/node/syntax-error"));
            JsonNode failed = Sandboxes.await(probe, EventTypes.RELOAD_FAILED, id).data();
            assertThat(failed.path("sequence").asLong()).isZero();
            assertThat(failed.path("error").path("phase").asText()).isEqualTo("load");
            Sandboxes.invoke(id, "increment", Map.of()).statusCode(409);
            given().when().get("/internal/dev/sandboxes/{id}", id).then().statusCode(200)
                    .body("data.state", equalTo("failed")).body("data.lastError", containsString("index.mjs"));

            // The next reload starts it afresh on the new code.
            probe.publish(Plugins.reload("local", id, 1, "counter-node"));
            assertThat(Sandboxes.await(probe, EventTypes.RELOADED, id).data().path("sequence").asLong()).isEqualTo(1);
            assertThat(Sandboxes.count(id, "increment")).isEqualTo(1);
            assertThat(probe.during(EventProbe.of(EventTypes.SANDBOX_CRASHED, id), Duration.ofMillis(200))).isEmpty();
            probe.publish(Plugins.terminated("local", id));
            Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, id);
        }
    }

    @Test
    void whenTheOldVersionCannotComeBackInProcessAFreshProcessServesItWithItsState() {
        String id = UUID.randomUUID().toString();
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_SANDBOX)) {
            probe.publish(Plugins.registered("local", id, "node", "index.mjs", "broken/node/no-comeback"));
            Sandboxes.await(probe, EventTypes.SANDBOX_READY, id);
            Sandboxes.invoke(id, "increment", Map.of()).statusCode(200);
            Sandboxes.invoke(id, "increment", Map.of()).statusCode(200);
            long pid = given().when().get("/internal/dev/sandboxes/{id}", id).then().statusCode(200)
                    .extract().jsonPath().getLong("data.pid");

            // The new code does not parse, and the old one refuses to set up again in the same process.
            probe.publish(Plugins.reload("local", id, 1, "broken/node/syntax-error"));
            JsonNode rolledBack = Sandboxes.await(probe, EventTypes.ROLLED_BACK, id).data();
            assertThat(rolledBack.path("restoredSequence").asLong()).isZero();
            assertThat(rolledBack.path("error").path("phase").asText()).isEqualTo("load");

            // Still serving version 0 with its count, from a new process; the old one is gone.
            long newPid = given().when().get("/internal/dev/sandboxes/{id}", id).then().statusCode(200)
                    .body("data.state", equalTo("ready")).body("data.sequence", equalTo(0))
                    .extract().jsonPath().getLong("data.pid");
            assertThat(newPid).isNotEqualTo(pid);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(Sandboxes.count(id, "increment")).isEqualTo(3);

            probe.publish(Plugins.terminated("local", id));
            Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, id);
        }
    }
}
