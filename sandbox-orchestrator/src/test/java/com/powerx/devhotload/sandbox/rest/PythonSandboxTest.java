package com.powerx.devhotload.sandbox.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.powerx.devhotload.contracts.EventTypes;
import com.powerx.devhotload.contracts.Topics;
import com.powerx.devhotload.devstack.DevStackResource;
import com.powerx.devhotload.devstack.EventProbe;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A python counter (CF CORE model): started, hot-reloaded with its count, a syntax error rolled back; log rate limit. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, initArgs = @ResourceArg(name = "database", value = "px_sandbox"))
class PythonSandboxTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void pythonCounterReloadsWithItsStateAndRollsBackASyntaxError() {
        String id = UUID.randomUUID().toString();
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_SANDBOX)) {
            probe.publish(Plugins.registered("local", id, "python", "plugin.py", "counter-python"));
            assertThat(Sandboxes.await(probe, EventTypes.SANDBOX_READY, id).data().path("runtime").asText()).isEqualTo("python");
            Sandboxes.count(id, "increment");
            assertThat(Sandboxes.count(id, "increment")).isEqualTo(2);

            probe.publish(Plugins.reload("local", id, 1, "counter-python-v2"));
            JsonNode reloaded = Sandboxes.await(probe, EventTypes.RELOADED, id).data();
            assertThat(reloaded.path("phases").has("restoreStateMs")).isTrue();
            assertThat(Sandboxes.count(id, "get")).isEqualTo(2);

            probe.publish(Plugins.reload("local", id, 2, "broken/python/syntax-error"));
            JsonNode rolledBack = Sandboxes.await(probe, EventTypes.ROLLED_BACK, id).data();
            assertThat(rolledBack.path("error").path("phase").asText()).isEqualTo("load");
            assertThat(rolledBack.path("restoredSequence").asLong()).isEqualTo(1);
            assertThat(Sandboxes.count(id, "increment")).isEqualTo(3);

            probe.publish(Plugins.terminated("local", id));
            Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, id);
        }
    }

    @Test
    void logLinesOverTheRateAreCountedAndReportedNotDropped() {
        String id = UUID.randomUUID().toString();
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.SESSION_SANDBOX, Topics.SESSION_LOG)) {
            probe.publish(Plugins.registered("local", id, "node", "index.mjs", "broken/node/noisy"));
            Sandboxes.await(probe, EventTypes.SANDBOX_READY, id);
            // The test profile allows 100 lines/s per session (PX_DEV_LOG_RATE).
            Sandboxes.invoke(id, "noisy", Map.of("lines", 600)).statusCode(200);
            var suppressed = probe.await(e -> EventTypes.SESSION_LOG.equals(e.type()) && id.equals(e.sessionid())
                    && e.data().hasNonNull("suppressed"), 1, Sandboxes.WAIT);
            assertThat(suppressed).isNotEmpty();
            assertThat(suppressed.getFirst().data().path("suppressed").asLong()).isPositive();
            assertThat(probe.await(e -> EventTypes.SESSION_LOG.equals(e.type()) && id.equals(e.sessionid())
                    && e.data().path("message").asText().startsWith("noisy line 0 of 600"), 1, Sandboxes.WAIT)).isNotEmpty();
            probe.publish(Plugins.terminated("local", id));
            Sandboxes.await(probe, EventTypes.SANDBOX_STOPPED, id);
        }
    }
}
