package com.powerx.devhotload.sandbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.CloudEvent;
import com.powerx.devhotload.contracts.EventCodec;
import com.powerx.devhotload.contracts.EventSources;
import com.powerx.devhotload.contracts.payload.SessionRegistered;
import com.powerx.devhotload.contracts.payload.SessionUpdated;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.EventProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

/** A node counter: started, invoked, hot-reloaded with its state, a broken version rolled back, reloads coalesced. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_sandbox"))
class NodeSandboxTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void nodeCounterKeepsItsCountAcrossAReloadAndSurvivesABrokenVersion() {
        String id = UUID.randomUUID().toString();
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_SANDBOX, Topics.SESSION_LOG)) {
            probe.publish(Plugins.registered("local", id, "node", "index.mjs", "counter-node"));
            CloudEvent ready = Sandboxes.await(probe, EventTypes.SANDBOX_READY, id);
            assertThat(ready.data().path("runtime").asText()).isEqualTo("node");
            assertThat(ready.data().path("sequence").asLong()).isZero();

            assertThat(Sandboxes.count(id, "increment")).isEqualTo(1);
            assertThat(Sandboxes.count(id, "increment")).isEqualTo(2);

            probe.publish(Plugins.reload("local", id, 1, "counter-node-v2"));
            JsonNode reloaded = Sandboxes.await(probe, EventTypes.RELOADED, id).data();
            assertThat(reloaded.path("sequence").asLong()).isEqualTo(1);
            assertThat(reloaded.path("phases").has("loadMs")).isTrue();
            assertThat(reloaded.path("phases").has("onReloadMs")).isTrue();
            Sandboxes.invoke(id, "get", Map.of()).statusCode(200)
                    .body("data.result.count", equalTo(2)).body("data.result.version", equalTo(2)).body("data.sequence", equalTo(1));

            probe.publish(Plugins.reload("local", id, 2, "broken/node/syntax-error"));
            JsonNode rolledBack = Sandboxes.await(probe, EventTypes.ROLLED_BACK, id).data();
            assertThat(rolledBack.path("sequence").asLong()).isEqualTo(2);
            assertThat(rolledBack.path("restoredSequence").asLong()).isEqualTo(1);
            assertThat(rolledBack.path("error").path("phase").asText()).isEqualTo("load");
            assertThat(rolledBack.path("error").path("message").asText()).isNotBlank();
            Sandboxes.invoke(id, "increment", Map.of()).statusCode(200)
                    .body("data.result.count", equalTo(3)).body("data.result.version", equalTo(2));

            given().when().get("/internal/dev/sandboxes/{id}", id).then().statusCode(200)
                    .body("data.state", equalTo("ready")).body("data.sequence", equalTo(1)).body("data.reloads", equalTo(2))
                    .body("data.lastReload.sequence", equalTo(2)).body("data.lastReload.result", equalTo("rolled-back"))
                    .body("data.rssBytes", greaterThan(0));
            given().when().get("/internal/dev/sandboxes").then().statusCode(200)
                    .body("data.items.sessionId", org.hamcrest.Matchers.hasItem(id));

            assertThat(probe.await(e -> EventTypes.SESSION_LOG.equals(e.type()) && id.equals(e.sessionid())
                    && e.data().path("message").asText().contains("counter v1 ready"), 1, Sandboxes.WAIT)).isNotEmpty();

            probe.publish(Plugins.terminated("local", id));
            Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, id);
        }
    }

    @Test
    void reloadsQueuedWhileOneIsAppliedAreCoalescedAndTheSkippedOnesReported() {
        String id = UUID.randomUUID().toString();
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_SANDBOX)) {
            probe.publish(Plugins.registered("local", id, "node", "index.mjs", "counter-node"));
            Sandboxes.await(probe, EventTypes.SANDBOX_READY, id);
            Sandboxes.count(id, "increment");

            // Sequence 1's onReload never settles: it holds the sandbox for the hook timeout, then rolls back.
            probe.publish(Plugins.reload("local", id, 1, "broken/node/slow-hook"));
            probe.publish(Plugins.reload("local", id, 2, "counter-node"));
            probe.publish(Plugins.reload("local", id, 3, "counter-node-v2"));

            JsonNode rolledBack = Sandboxes.await(probe, EventTypes.ROLLED_BACK, id).data();
            assertThat(rolledBack.path("sequence").asLong()).isEqualTo(1);
            assertThat(rolledBack.path("error").path("phase").asText()).isEqualTo("onReload");
            JsonNode reloaded = Sandboxes.await(probe, EventTypes.RELOADED, id).data();
            assertThat(reloaded.path("sequence").asLong()).isEqualTo(3);
            assertThat(reloaded.path("supersededSequences")).extracting(JsonNode::asLong).containsExactly(2L);
            Sandboxes.invoke(id, "get", Map.of()).statusCode(200)
                    .body("data.result.count", equalTo(1)).body("data.result.version", equalTo(2));

            probe.publish(Plugins.terminated("local", id));
            Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, id);
        }
    }

    @Test
    void aSessionWaitingForFilesStartsWhenSessionServiceSaysItIsStarting() {
        String id = UUID.randomUUID().toString();
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_SANDBOX)) {
            CloudEvent registered = Plugins.registered("local", id, "node", "index.mjs", "counter-node");
            SessionRegistered waiting = EventCodec.payload(registered, SessionRegistered.class);
            probe.publish(CloudEvent.create(EventSources.SESSION_SERVICE, EventTypes.SESSION_REGISTERED, id, "local", "com.acme.test", id,
                    new SessionRegistered(id, "local", "dev-local", "com.acme.test", "1.0.0", "node", "index.mjs", waiting.files(), null,
                            null, "0".repeat(64), waiting.expiresAt(), List.of(waiting.files().getFirst().sha256()), "pending")));
            assertThat(probe.during(EventProbe.of(EventTypes.SANDBOX_READY, id), Duration.ofSeconds(2))).isEmpty();
            given().when().get("/internal/dev/sandboxes/{id}", id).then().statusCode(200).body("data.state", equalTo("waiting-for-files"));

            probe.publish(CloudEvent.create(EventSources.SESSION_SERVICE, EventTypes.SESSION_UPDATED, id, "local", "com.acme.test", id,
                    new SessionUpdated(id, "pending", "starting", List.of(), waiting.files(), null, null, null, "files-complete")));
            Sandboxes.await(probe, EventTypes.SANDBOX_READY, id);
            assertThat(Sandboxes.count(id, "increment")).isEqualTo(1);
            probe.publish(Plugins.terminated("local", id));
            Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, id);
        }
    }
}
